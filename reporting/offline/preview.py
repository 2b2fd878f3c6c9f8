"""What importing a workbook would change in a report, before anything is saved.

Every answer the workbook gives is compared with the answer stored now, as a page save
compares its form (`reporting.web.editing`): by fingerprint of the save payload. An answer
the workbook leaves as it was downloaded is no change (so a workbook with only some
articles, or a colleague's edit in the browser since the download, is left alone); one
the workbook changed is a change; one the workbook changed *and* someone changed in the
browser since the download is a conflict, applied only if the person chooses the
workbook's value for it. Questions the workbook does not hold are never touched: that is
how several ministries' workbooks merge into one report, each through its own preview.

The preview travels to the confirmation as a signed hidden field (`sign` / `unsign`): the
workbook's payloads with the fingerprints seen at preview time, so that the confirmation
can tell whether anything changed in between (several hosts, nothing kept in between).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer
from marshmallow import ValidationError

from forms.questionnaire import fingerprint, stored_payload

from ..models import Report
from ..questionnaire.definition import Format, Question
from ..questionnaire.issues import Issue, messages_to_issues
from ..questionnaire.report_schema import answer_schema, report_schema
from ..questionnaire.translate import qt
from ..reports.answers import load_answers
from ..reports.present import Presented, present
from .read import ReadAnswer

#: How long a preview can be confirmed (seconds).
PREVIEW_MAX_AGE = 12 * 3600


@dataclass(frozen=True)
class Change:
    """One answer the workbook changes."""

    question: Question
    current: Presented
    new: Presented
    #: Type errors of the new value (it is saved as typed, like a draft page's).
    problems: tuple[str, ...]
    #: Changed in the browser since the workbook was downloaded, and by the workbook.
    conflict: bool
    #: The save payload (the stored confidential mark kept).
    payload: dict
    #: The fingerprint of the answer when the workbook was downloaded.
    original: str
    #: The fingerprint of the stored answer when this comparison was made.
    seen: str

    @property
    def key(self) -> str:
        return self.question.key


@dataclass(frozen=True)
class Incoming:
    """What the workbook says of one answer, and what it was when downloaded."""

    payload: dict
    original: str | None


def incoming_answers(answers: dict[str, ReadAnswer]) -> dict[str, Incoming]:
    return {key: Incoming(a.payload, a.original) for key, a in answers.items()}


def compare(report: Report, fmt: Format, incoming: dict[str, Incoming]) -> list[Change]:
    """The changes the workbook's answers make to the stored ones, in the format's order."""
    kind = report.cycle.kind
    order = [q.key for q in fmt.iter_questions(kind) if q.key in incoming]
    stored = load_answers(report, fmt, keys=order)
    found: list[tuple[Question, dict, bool, str, str]] = []
    for key in order:
        q = fmt.question(key)
        current_payload = stored_payload(q, stored.get(key))
        current = fingerprint(current_payload)
        mine = {**_payload(incoming[key].payload), "confidential": current_payload["confidential"]}
        if fingerprint(mine) == current:
            continue
        original = incoming[key].original or fingerprint(stored_payload(q, None))
        conflict = False
        if original != current:  # changed in the browser since the download
            as_downloaded = {fingerprint({**mine, "confidential": c}) for c in (False, True)}
            if original in as_downloaded:
                continue  # the workbook left it as it was: the browser's answer stays
            conflict = True
        found.append((q, mine, conflict, original, current))
    problems = _problems(fmt, kind, {q.key: mine for q, mine, *_rest in found})
    return [
        Change(
            question=q,
            current=present(q, stored.get(q.key)),
            new=_presented(q, mine),
            problems=tuple(problems.get(q.key, ())),
            conflict=conflict,
            payload=mine,
            original=original,
            seen=current,
        )
        for q, mine, conflict, original, current in found
    ]


def _payload(payload: dict) -> dict:
    return {
        "state": payload.get("state"),
        "value": payload.get("value"),
        "comment": payload.get("comment"),
    }


def _problems(fmt: Format, kind: str | None, payloads: dict[str, dict]) -> dict[str, list[str]]:
    """Messages of the draft validation that saving applies (`save_answers`)."""
    if not payloads:
        return {}
    try:
        report_schema(fmt, kind, "draft")().load(payloads)
        return {}
    except ValidationError as exc:
        messages = exc.messages if isinstance(exc.messages, dict) else {}
    out: dict[str, list[str]] = {}
    for issue in messages_to_issues(messages):
        out.setdefault(issue.question_key, []).append(_issue_text(fmt, issue))
    return out


def _issue_text(fmt: Format, issue: Issue) -> str:
    if issue.row is None:
        return issue.message
    column = fmt.question(issue.question_key).column(issue.column) if issue.column else None
    if column is None:
        return _("Row %(row)s: %(message)s", row=int(issue.row) + 1, message=issue.message)
    return _(
        "Row %(row)s, %(column)s: %(message)s",
        row=int(issue.row) + 1,
        column=qt(column.label),
        message=issue.message,
    )


def _presented(q: Question, payload: dict) -> Presented:
    """The workbook's answer as the pages print it (as typed where it is not valid)."""
    try:
        typed = answer_schema(q)().load(payload)
    except ValidationError:
        return present(q, {**payload, "invalid": True})
    return present(q, typed)


# -- carrying the preview to its confirmation -------------------------------------------


def _serializer() -> URLSafeTimedSerializer:
    # Compresses the JSON with zlib when that makes it shorter.
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="ort-offline-preview")


def sign(report: Report, user, changes: list[Change]) -> str:
    """The preview's changes for its confirmation, signed (never trusted unsigned)."""
    return _serializer().dumps(
        {
            "report": report.id,
            "user": getattr(user, "id", None),
            "answers": {
                c.key: {"p": _payload(c.payload), "o": c.original, "s": c.seen} for c in changes
            },
        }
    )


class PreviewInvalid(Exception):
    """A confirmation whose preview is not this one's (altered, expired, another report's)."""


def unsign(token: str, report: Report, user, fmt: Format) -> tuple[dict[str, Incoming], dict]:
    """The incoming answers of a signed preview, and the fingerprints seen at preview."""
    try:
        data = _serializer().loads(token or "", max_age=PREVIEW_MAX_AGE)
    except BadSignature:
        raise PreviewInvalid() from None
    if (
        not isinstance(data, dict)
        or data.get("report") != report.id
        or data.get("user") != getattr(user, "id", None)
        or not isinstance(data.get("answers"), dict)
    ):
        raise PreviewInvalid()
    incoming, seen = {}, {}
    for key, entry in data["answers"].items():
        if not fmt.has_question(key):
            raise PreviewInvalid()
        incoming[key] = Incoming(entry["p"], entry["o"])
        seen[key] = entry["s"]
    return incoming, seen
