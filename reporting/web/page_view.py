"""What a report page shows besides its form: values, visibility, messages, notes.

`page_context` gathers it for the template: which questions are shown (the conditions
evaluated on what the page shows), the type errors of the values shown (kept as typed),
carried-over and conflict notes, attachments, and the values of questions on other pages
that this page's conditions read (for static/js/ort.js).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from forms.questionnaire import QuestionnaireForm, answer_payload, field_name

from ..attachments import attachments_by_token
from ..models import Report
from ..questionnaire.client_checks import cell_rules, locale_rules, question_rules
from ..questionnaire.conditions import effective_value, visibility
from ..questionnaire.countries import country_choices
from ..questionnaire.definition import Format
from ..questionnaire.issues import Issue
from ..questionnaire.kinds.reference import COUNTRY_DATALIST
from ..reports.carry_over import MissedNote, missed_notes
from ..reports.last_changes import LastChange, last_changes
from ..reports.present import Presented, present
from .editing import page_issues, shown_data
from .error_summary import Problem, shown_problems, take_focus
from .pages import Page
from .previous import PreviousNote, page_previous


@dataclass
class PageContext:
    """What the page template needs beyond the form."""

    report: Report
    page: Page
    form: QuestionnaireForm
    data: dict[str, dict]
    visible: dict[str, bool]
    issues: list[Issue]
    carried_over: set[str]
    editable: bool
    attachments: dict
    conflicts: dict[str, Presented] = field(default_factory=dict)
    #: Key -> who saved the colleague's answer of a conflict, and when.
    conflict_changes: dict[str, LastChange] = field(default_factory=dict)
    #: Values of questions on other pages that conditions of this page refer to.
    known: dict[str, object] = field(default_factory=dict)
    #: Suggestions for the country cells of the page's tables (one list per page).
    country_names: list[str] = field(default_factory=list)
    #: Key -> answers of the previous report, to an older version of the question, that
    #: could not be carried into it (`reports.carry_over`).
    missed: dict[str, list[MissedNote]] = field(default_factory=dict)
    #: Every problem of the shown questions, for the summary at the top of the page.
    problems: list[Problem] = field(default_factory=list)
    #: Does the page move focus to the summary (just after a save with problems)?
    focus_problems: bool = False
    _cell_checks: dict = field(default_factory=dict, repr=False)
    _cell_sets: dict = field(default_factory=dict, repr=False)

    def checks(self, q) -> dict:
        """What static/js/checks.js checks of a question as it is typed."""
        return question_rules(q) if self.editable else {}

    def cell_rule_sets(self, questions) -> dict[str, dict]:
        """The distinct checks of the page's table columns, by a short id: written once in
        the page's #ort-checks, so that a table's every cell carries only the id (rows
        repeat their columns' rules)."""
        if not self.editable:
            return {}
        if not self._cell_checks:
            ids: dict[str, str] = {}
            for q in questions:
                for column in q.columns:
                    rules = cell_rules(column)
                    if not rules:
                        self._cell_checks[id(column)] = ""
                        continue
                    text = json.dumps(rules, ensure_ascii=False, sort_keys=True)
                    self._cell_checks[id(column)] = ids.setdefault(text, f"c{len(ids)}")
            self._cell_sets = {rule_id: json.loads(text) for text, rule_id in ids.items()}
        return self._cell_sets

    def cell_checks(self, column) -> str:
        """A table cell's `data-checks`: "#" and the id of its column's checks (see
        `cell_rule_sets`), or "" for a column without any."""
        rule_id = self._cell_checks.get(id(column), "") if self.editable else ""
        return f"#{rule_id}" if rule_id else ""

    @staticmethod
    def number_signs() -> dict:
        return locale_rules()

    #: Key -> the Party's answer in its previous report (`reports.history`).
    previous: dict[str, PreviousNote] = field(default_factory=dict)

    def question_issues(self, key: str) -> list[Issue]:
        return [i for i in self.issues if i.question_key == key and i.column is None]

    def cell_issues(self, key: str, row: int, column: str) -> list[Issue]:
        return [
            i
            for i in self.issues
            if i.question_key == key and i.column == column and str(i.row) == str(row)
        ]

    def has_issues(self, key: str) -> bool:
        return any(i.question_key == key for i in self.issues)

    def described_by(self, q) -> str:
        """Ids of the texts that describe a question's input: help, unit, notes, errors."""
        base = field_name(q.key)
        ids = [
            f"{base}-help" if q.help else None,
            f"{base}-unit" if q.unit else None,
            f"{base}-carried" if q.key in self.carried_over else None,
            f"{base}-missed" if q.key in self.missed else None,
            f"{base}-previous" if q.key in self.previous else None,
            f"{base}-conflict" if q.key in self.conflicts else None,
            f"{base}-error" if self.question_issues(q.key) else None,
        ]
        return " ".join(i for i in ids if i)

    def options_open(self, q, answer_form) -> bool:
        """Show the state, confidentiality and comment at once when any is in use."""
        state = answer_form.state.data if "state" in answer_form else None
        return bool(
            state not in (None, "", "value")
            or answer_form.confidential.data
            or answer_form.comment.data
            or any(
                i.field in ("state", "comment", "confidential") for i in self.question_issues(q.key)
            )
        )


def page_context(
    report: Report,
    fmt: Format,
    page: Page,
    form: QuestionnaireForm,
    answers: dict[str, dict],
    *,
    shown_back: bool = False,
    shown_back_keys=None,
    conflicts: dict[str, dict] | None = None,
    upload_errors: dict[str, str] | None = None,
    editable: bool = True,
) -> PageContext:
    """The context of a page showing `answers`, or the posted values of `shown_back_keys`;
    `upload_errors` (key -> message): files that could not be attached, shown as errors."""
    payloads = None
    if shown_back:
        payloads = {
            q.key: answer_payload(q, form.answer(q.key))
            for q in page.questions
            if shown_back_keys is None or q.key in shown_back_keys
        }
    data = shown_data(answers, payloads)
    visible = visibility(fmt, data, report.cycle.kind)
    tokens = [data.get(q.key, {}).get("value") for q in page.questions if q.kind.attachment]
    tokens += [(a or {}).get("value") for a in (conflicts or {}).values()]
    attachments = attachments_by_token(report, [t for t in tokens if isinstance(t, str)])
    issues = page_issues(page, data) + [
        Issue(key, message) for key, message in (upload_errors or {}).items()
    ]
    problems = shown_problems(page, form, issues, visible) if editable else []
    return PageContext(
        report=report,
        page=page,
        form=form,
        data=data,
        visible=visible,
        issues=issues,
        problems=problems,
        focus_problems=take_focus(page) and bool(problems),
        carried_over={k for k, a in answers.items() if a.get("carried_over")},
        editable=editable,
        attachments=attachments,
        conflicts={
            k: present(fmt.question(k), a, attachments) for k, a in (conflicts or {}).items()
        },
        conflict_changes=last_changes(report, conflicts or ()),
        known=_known_values(page, data, visible),
        missed=_missed_on(report, page) if editable else {},
        previous=page_previous(report, fmt, page, data) if editable else {},
        country_names=[name for _code, name in country_choices()]
        if any(c.kind.datalist == COUNTRY_DATALIST for q in page.questions for c in q.columns)
        else [],
    )


def _missed_on(report: Report, page: Page) -> dict[str, list[MissedNote]]:
    on_page = {q.key for q in page.questions}
    out: dict[str, list[MissedNote]] = {}
    for note in missed_notes(report) if report.not_carried else ():
        for key in note.into:
            if key in on_page:
                out.setdefault(key, []).append(note)
    return out


def _known_values(page: Page, data, visible) -> dict:
    on_page = {q.key for q in page.questions}
    keys: set[str] = set()

    def collect(condition):
        if not condition:
            return
        for sub in condition.get("all", []) + condition.get("any", []):
            collect(sub)
        if "question" in condition:
            keys.add(condition["question"])

    for q in page.questions:
        collect(q.visible_if)
    return {
        k: (effective_value(data.get(k)) if visible.get(k, True) else None)
        for k in sorted(keys - on_page)
    }
