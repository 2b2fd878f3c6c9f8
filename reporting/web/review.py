"""Everything that stands between a draft and its submission, for the review page.

`workflow.validate_report` stops at type errors (a report with an invalid value is not
checked further); people reviewing their report need the whole list at once: values
kept as typed that are not valid, *and* missing answers and rule failures elsewhere.
"""

from __future__ import annotations

from marshmallow import ValidationError

from ..models import Report
from ..questionnaire.checks import submission_issues
from ..questionnaire.conditions import visibility
from ..questionnaire.definition import Format
from ..questionnaire.issues import Issue, messages_to_issues
from ..questionnaire.report_schema import answer_schema
from ..reports.answers import answer_data, load_answers
from ..reports.changes_since import change_flags


def review_issues(
    report: Report, fmt: Format, answers: dict[str, dict] | None = None
) -> list[Issue]:
    """Invalid values, missing answers and failed rules of the shown questions, in format order."""
    kind = report.cycle.kind
    data = answer_data(answers if answers is not None else load_answers(report, fmt))
    in_kind = [q for q in fmt.iter_questions(kind)]
    visible = visibility(fmt, data, kind)
    clean: dict[str, dict] = {}
    invalid: list[Issue] = []
    for q in in_kind:
        if q.key not in data:
            continue
        try:
            clean[q.key] = answer_schema(q)().load(data[q.key])
        except ValidationError as exc:
            if visible.get(q.key, True):
                invalid.extend(messages_to_issues({q.key: exc.messages}))
    bad = {i.question_key for i in invalid}
    rest = [i for i in submission_issues(fmt, clean, kind) if i.question_key not in bad]
    order = {q.key: n for n, q in enumerate(in_kind)}
    return sorted(
        invalid + rest,
        key=lambda i: (order.get(i.question_key, len(order)), i.row if i.row is not None else -1),
    )


def draft_issues(questions, answers: dict[str, dict]) -> list[Issue]:
    """Type errors of stored answers (values kept as typed), for showing beside the fields."""
    issues: list[Issue] = []
    data = answer_data(answers)
    for q in questions:
        if q.key in data:
            try:
                answer_schema(q)().load(data[q.key])
            except ValidationError as exc:
                issues.extend(messages_to_issues({q.key: exc.messages}))
    return issues


def change_warnings(report: Report, fmt: Format) -> list[Issue]:
    """The working copy's answers that changed much since the Party's previous report
    (`reports.changes_since`), as warnings."""
    answers = answer_data(load_answers(report, fmt))
    return [flag.issue for flag in change_flags(report, fmt, report.cycle.kind, answers)]
