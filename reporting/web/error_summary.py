"""The list of a page's problems at its top, each a link to its field (GOV.UK's error
summary): after a save with problems, focus moves to it and the title says how many."""

from __future__ import annotations

from dataclasses import dataclass

from flask import request, session
from flask_babel import gettext as _

from forms.questionnaire import QuestionnaireForm, field_name

from ..models import Report
from ..questionnaire.conditions import visibility
from ..questionnaire.definition import Format
from ..questionnaire.issues import Issue
from ..questionnaire.translate import qt
from ..reports.answers import load_answers
from .editing import page_issues, shown_data
from .pages import Page

#: The session key naming the page whose next showing moves focus to its problems.
_FOCUS = "ort_focus_problems"


@dataclass(frozen=True)
class Problem:
    #: The id of the input to go to (the question's box when no single input fits).
    target: str
    #: Which question (and cell) it is about, as the page shows it.
    label: str
    message: str


def shown_problems(
    page: Page, form: QuestionnaireForm, issues: list[Issue], visible: dict[str, bool]
) -> list[Problem]:
    """Every problem of the shown questions of the page, in the order of the page."""
    order = {q.key: n for n, q in enumerate(page.questions)}
    questions = {q.key: q for q in page.questions}
    shown = [i for i in issues if i.question_key in questions and visible.get(i.question_key, True)]
    shown.sort(key=lambda i: order[i.question_key])  # stable: rows stay in their order
    problems = []
    for issue in shown:
        q = questions[issue.question_key]
        label = f"{q.shown_number} {qt(q.text)}".strip()
        column = q.column(issue.column) if issue.column and q.kind.tabular else None
        if column is not None and issue.row is not None:
            label = _(
                "%(question)s, row %(row)d, %(column)s",
                question=label,
                row=int(issue.row) + 1,
                column=qt(column.label),
            )
        problems.append(Problem(_target(form, q, issue), label, issue.message))
    return problems


def _target(form: QuestionnaireForm, q, issue: Issue) -> str:
    answer = form.answer(q.key)
    value = answer.value
    if issue.field == "state" and "state" in answer:
        return f"{answer.state.id}-0"
    if issue.field in ("comment", "confidential"):
        return answer[issue.field].id
    if issue.field != "value":
        return field_name(q.key)
    if value.type == "FieldList":
        row = int(str(issue.row)) if str(issue.row).isdigit() else None
        if row is not None and row < len(value.entries) and issue.column:
            cell = value.entries[row].form[q.kind.cell_name(issue.column)]
            return cell.id
        return field_name(q.key)
    if value.type in ("RadioField", "SelectMultipleField"):
        return f"{value.id}-0"
    if value.type == "FormField":
        return value.form.upload.id
    return value.id


def focus_next_showing(page: Page) -> None:
    """After a save with problems: the page shown next moves focus to its problems."""
    session[_FOCUS] = page.key


def take_focus(page: Page) -> bool:
    """Should this showing of the page move focus to its problems? Yes when it answers
    a post (shown back), or when the save just before asked for it."""
    asked = _FOCUS in session and session.pop(_FOCUS) == page.key  # no cookie otherwise
    return asked or request.method == "POST"


def answers_with_problems(report: Report, fmt: Format, page: Page) -> int:
    """How many shown answers of the page have problems (all of them, not only those the
    last save changed)."""
    data = shown_data(load_answers(report, fmt))
    visible = visibility(fmt, data, report.cycle.kind)
    return len(
        {i.question_key for i in page_issues(page, data) if visible.get(i.question_key, True)}
    )
