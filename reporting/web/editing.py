"""Editing one page of a report: its form, what the page shows, and saving it safely.

Saving writes only the answers the user changed. Each answer's subform carries the
fingerprint of the answer as the page showed it; when the report was saved by someone
else meanwhile (`Report.lock_version` moved), an answer the colleague changed and the
user changed too is a conflict: nothing is written, and the page comes back with the
user's typed values and the colleague's answer beside them. Answers only one of them
changed are merged. A save racing another one at the same moment fails on the lock
version (`ConcurrentSave`) and is shown back the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import update
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.datastructures import FileStorage

from forms.questionnaire import (
    QuestionnaireForm,
    answer_payload,
    field_name,
    fingerprint,
    initial_data,
    keep_unknown_choices,
    page_form_class,
    stored_payload,
)

from ..attachments import (
    AttachmentRejected,
    accept_attribute,
    find_attachment,
    release,
    store_upload,
)
from ..extensions import db
from ..models import Answer, Report
from ..models.types import utcnow
from ..questionnaire.definition import Format, Question
from ..questionnaire.issues import Issue
from ..questionnaire.kinds.table import Table
from ..reports.answers import answer_data, load_answers, save_answers
from .pages import Page
from .review import draft_issues


class ConcurrentSave(Exception):
    """Another save of the same report committed while this one was being written."""


@dataclass
class SaveOutcome:
    #: Question keys written.
    saved: list[str] = field(default_factory=list)
    #: Type errors of the values written (kept as typed), from `save_answers`.
    issues: list[Issue] = field(default_factory=list)
    #: Answers changed by someone else and by the user: key -> the stored answer.
    conflicts: dict[str, dict] = field(default_factory=dict)
    #: Uploads refused: key -> message.
    rejected: dict[str, str] = field(default_factory=dict)
    #: Contents of the files replaced or removed that nothing uses any more: delete them
    #: (`remove_unused_files`) once the save is committed.
    unused_files: list[str] = field(default_factory=list)


def _table_rows(q: Question, answer: dict | None, extra: int) -> int:
    value = q.kind.form_data(q, (answer or {}).get("value"))
    return max(min(len(value) + extra, Table.max_rows(q)), len(value), q.min_rows or 1, 1)


def build_form(
    report: Report,
    page: Page,
    answers: dict[str, dict],
    *,
    add_row: str | None = None,
    posted=None,
    posted_keys=None,
) -> QuestionnaireForm:
    """The page's form from the stored answers; with `posted` (form data), the answers of
    `posted_keys` (default: all, with the posted lock version) show the posted values back."""
    tables = {q.key for q in page.questions if q.kind.tabular}
    data = {}
    rows = {}
    for q in page.questions:
        answer = answers.get(q.key)
        data[field_name(q.key)] = {
            **initial_data(q, answer),
            "original": fingerprint(stored_payload(q, answer)),
        }
        if q.key in tables:
            rows[q.key] = _table_rows(q, answer, 1 if add_row == q.key else 0)
    if posted is not None:
        # Rows come from the posted data only (padding would duplicate renumbered rows).
        rows.update({key: 0 for key in tables if posted_keys is None or key in posted_keys})
    form = page_form_class(list(page.questions), rows=rows, accept=accept_attribute())(
        formdata=None, data=data, lock_version=str(report.lock_version)
    )
    if posted is not None:
        for q in page.questions:
            if posted_keys is None or q.key in posted_keys:
                form[field_name(q.key)].process(posted)
                if q.key in tables and not form.answer(q.key).value.entries:
                    form.answer(q.key).value.append_entry()
        if posted_keys is None:
            form.lock_version.data = posted.get("lock_version", "")
    keep_unknown_choices(form)
    return form


def posted_form(page: Page, formdata) -> QuestionnaireForm:
    """The form as posted (for saving)."""
    rows = {q.key: 0 for q in page.questions if q.kind.tabular}
    return page_form_class(list(page.questions), rows=rows, accept=accept_attribute())(
        formdata=formdata
    )


def tables_beyond_limit(report: Report, fmt: Format, page: Page, formdata) -> list[Question]:
    """The page's tables posted with more rows than they take (and than they hold: a table
    stored before its limit can still shrink). Counted from the field names alone, so that
    such a post is refused before its rows are read."""
    posted: dict[str, set[str]] = {}
    prefixes = {f"{field_name(q.key)}-value-": q.key for q in page.questions if q.kind.tabular}
    for name in formdata.keys():
        for prefix, key in prefixes.items():
            if name.startswith(prefix):
                posted.setdefault(key, set()).add(name[len(prefix) :].partition("-")[0])
    over = [q for q in page.questions if q.key in posted and len(posted[q.key]) > Table.max_rows(q)]
    if not over:
        return []
    answers = load_answers(report, fmt)
    return [
        q
        for q in over
        if len(posted[q.key]) > len(q.kind.form_data(q, (answers.get(q.key) or {}).get("value")))
    ]


def acknowledge_conflicts(
    form: QuestionnaireForm, report: Report, page: Page, answers: dict[str, dict], keys
) -> None:
    """After a conflict, a second save keeps the user's values: the page now "has seen" the
    colleague's answers."""
    for q in page.questions:
        if q.key in keys:
            form.answer(q.key).original.data = fingerprint(stored_payload(q, answers.get(q.key)))
    form.lock_version.data = str(report.lock_version)


#: The choice offered beside an answer in conflict: `resolve.<key>` is `mine` or `theirs`;
#: the page lists the answers in conflict in `conflict` fields.
MINE, THEIRS = "mine", "theirs"


def conflict_choices(page: Page, formdata) -> tuple[frozenset[str], frozenset[str]]:
    """The answers in conflict on the posted page whose colleague's version the user keeps,
    and those not decided yet."""
    on_page = {q.key for q in page.questions}
    keys = {k for k in formdata.getlist("conflict") if k in on_page}
    choice = {k: formdata.get(f"resolve.{k}") for k in keys}
    return (
        frozenset(k for k, v in choice.items() if v == THEIRS),
        frozenset(k for k, v in choice.items() if v not in (MINE, THEIRS)),
    )


def posted_payloads(page: Page, form: QuestionnaireForm) -> dict[str, dict]:
    return {q.key: answer_payload(q, form.answer(q.key)) for q in page.questions}


def save_page(
    report: Report,
    fmt: Format,
    page: Page,
    form: QuestionnaireForm,
    user,
    *,
    remove_row: tuple[str, int] | None = None,
    confirm_carried: bool = False,
    keep_theirs: frozenset[str] = frozenset(),
    undecided: frozenset[str] = frozenset(),
    replace: dict[str, dict] | None = None,
) -> SaveOutcome:
    """Write the answers of the page the user changed; flushes, the request commits.

    Answers in conflict (changed by the user and, since the page was shown, by someone
    else) are not written: they are returned for the page to show both versions. After
    a conflict, the user chooses per answer (`conflict_choices`): the colleague's answer
    (`keep_theirs`: the posted one is dropped), or their own, saved like any change (a
    third person's newer save is again a conflict); an answer still `undecided` is
    not written and comes back as a conflict.
    `replace`: key -> a payload put in place of the posted one (a previous answer copied
    in), saved as if the user had typed it.
    """
    kind = report.cycle.kind
    answers = load_answers(report, fmt, keys=[q.key for q in page.questions])
    payloads = posted_payloads(page, form)
    payloads.update(replace or {})
    if remove_row is not None:
        _remove_row(payloads, *remove_row)
    lock_moved = (form.lock_version.data or "") != str(report.lock_version)
    outcome = SaveOutcome()
    changes: dict[str, dict] = {}
    for q in page.questions:
        mine = fingerprint(payloads[q.key])
        current = fingerprint(stored_payload(q, answers.get(q.key)))
        if mine == current or q.key in keep_theirs:
            continue
        if q.key in undecided:
            outcome.conflicts[q.key] = answers.get(q.key) or {}
            continue
        original = form.answer(q.key).original.data or (None if lock_moved else current)
        if original != current:  # changed by someone else since the page was shown
            if mine != original:
                outcome.conflicts[q.key] = answers.get(q.key) or {}
            continue
        changes[q.key] = payloads[q.key]
    files_before = {
        key: _stored_token(answers.get(key)) for key in changes if fmt.question(key).kind.attachment
    }
    for key in files_before:
        _attach(report, fmt, key, changes, answers, files_before[key], user, outcome)
    if changes or confirm_carried:
        _bump(report)
    if changes:
        outcome.issues = save_answers(report, fmt, changes, user, kind)
        outcome.saved = list(changes)
        db.session.flush()
        replaced = [
            token
            for key, token in files_before.items()
            if token and key in changes and changes[key]["value"] != token
        ]
        outcome.unused_files = release(report, replaced)
    if confirm_carried:
        db.session.execute(
            update(Answer)
            .where(
                Answer.report_id == report.id,
                Answer.question_key.in_([q.key for q in page.questions]),
            )
            .values(carried_over=False)
        )
    db.session.flush()
    return outcome


def _stored_token(answer: dict | None) -> str | None:
    value = (answer or {}).get("value")
    return value if isinstance(value, str) else None


def _attach(
    report: Report,
    fmt: Format,
    key: str,
    changes: dict[str, dict],
    answers: dict[str, dict],
    before: str | None,
    user,
    outcome: SaveOutcome,
) -> None:
    """Store a new upload in place of the answer's file, or check that a posted token is
    one of this report's files; refused, the file attached before stays."""
    payload = changes[key]
    value = payload["value"]
    try:
        if isinstance(value, FileStorage):
            payload["value"] = store_upload(report, key, value, user, replaces=before).token
        elif isinstance(value, str) and value != before and find_attachment(report, value) is None:
            raise AttachmentRejected(_("This file is not one of this report's attachments."))
    except AttachmentRejected as exc:
        outcome.rejected[key] = str(exc)
        kept = stored_payload(fmt.question(key), answers.get(key))
        payload["value"] = kept["value"]
        if fingerprint(payload) == fingerprint(kept):
            del changes[key]


def _bump(report: Report) -> None:
    """Move the report's lock version; fails if another save committed since it was read."""
    report.updated_at = utcnow()
    try:
        db.session.flush()
    except StaleDataError as exc:
        raise ConcurrentSave() from exc


def _remove_row(payloads: dict[str, dict], key: str, index: int) -> None:
    rows = payloads.get(key, {}).get("value")
    if isinstance(rows, list) and 0 <= index < len(rows):
        payloads[key]["value"] = rows[:index] + rows[index + 1 :] or None


def shown_data(
    answers: dict[str, dict], payloads: dict[str, dict] | None = None
) -> dict[str, dict]:
    """The answers a page shows: stored ones, with posted ones (shown back) on top."""
    data = answer_data(answers)
    for key, payload in (payloads or {}).items():
        value = payload.get("value")
        data[key] = {**payload, "value": None if isinstance(value, FileStorage) else value}
    return data


def page_issues(page: Page, data: dict[str, dict]) -> list[Issue]:
    """Type errors of what the page shows (stored values kept as typed, or posted ones)."""
    return draft_issues(page.questions, data)
