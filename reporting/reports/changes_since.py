"""Answers that changed much since the Party's previous report, flagged for a second look.

A quantity more than ten times, or less than a tenth of, the previous answer (a wrong
unit, a misplaced decimal sign), a quantity that became zero or was zero and is not any
more, and a yes that became a no; in tables, the same for the total of each summable
column. The previous answer is the one shown beside the question (`reports.history`:
the previous report of the same kind, else of the other kind, along the question's
lineage). These are warnings: the focal point confirms them when submitting, and the
secretariat sees the same list when it reviews the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import gettext as _

from ..models import Report
from ..questionnaire.conditions import visibility
from ..questionnaire.definition import Format, Question
from ..questionnaire.issues import Issue
from ..questionnaire.states import VALUE
from ..questionnaire.translate import qt
from .history import Previous, previous_answers
from .present import present, value_text

#: A value this many times larger (or smaller) than the previous one is flagged.
FACTOR = 10


@dataclass(frozen=True)
class ChangeFlag:
    """One answer that changed much: its question, the two values as text, and why."""

    key: str
    message: str
    before: str
    after: str
    cycle_label: str

    @property
    def issue(self) -> Issue:
        return Issue(self.key, self.message, "warning")


def _number(value) -> Decimal | None:
    return value if isinstance(value, Decimal) and value.is_finite() else None


def _jump(before: Decimal, after: Decimal) -> str | None:
    """ "more", "less" or "zero" (to or from zero) for a change worth a look; None if not."""
    if before < 0 or after < 0 or before == after:
        return None
    if before == 0 or after == 0:
        return "zero"
    if after > before * FACTOR:
        return "more"
    if after * FACTOR < before:
        return "less"
    return None


def _quantity_message(jump: str, cycle: str, before: str, after: str) -> str:
    if jump == "more":
        return _(
            "More than ten times your answer in %(cycle)s (%(before)s): now %(after)s. "
            "Check the value and its unit.",
            cycle=cycle,
            before=before,
            after=after,
        )
    if jump == "less":
        return _(
            "Less than a tenth of your answer in %(cycle)s (%(before)s): now %(after)s. "
            "Check the value and its unit.",
            cycle=cycle,
            before=before,
            after=after,
        )
    return _changed(cycle, before, after)


def _changed(cycle: str, before: str, after: str) -> str:
    return _(
        "Your answer in %(cycle)s was %(before)s; it is now %(after)s. Check that this is right.",
        cycle=cycle,
        before=before,
        after=after,
    )


def _column_totals(q: Question, rows) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for column in q.columns:
        if not column.kind.summable:
            continue
        cells = [_number(row.get(column.key)) for row in rows or () if isinstance(row, dict)]
        numbers = [c for c in cells if c is not None]
        if numbers:
            totals[column.key] = sum(numbers, Decimal(0))
    return totals


def _flags_of(q: Question, answer: dict, previous: Previous) -> list[ChangeFlag]:
    cycle = previous.cycle_label
    old, new = previous.answer.get("value"), answer.get("value")
    kind = q.kind
    if kind.tabular:
        flags = []
        before_totals = _column_totals(q, old if isinstance(old, list) else [])
        after_totals = _column_totals(q, new if isinstance(new, list) else [])
        for column in q.columns:
            if column.key not in before_totals or column.key not in after_totals:
                continue
            jump = _jump(before_totals[column.key], after_totals[column.key])
            if jump is None:
                continue
            before = value_text(column, before_totals[column.key])
            after = value_text(column, after_totals[column.key])
            message = _(
                "Total of the column “%(column)s”: %(change)s",
                column=qt(column.label),
                change=_quantity_message(jump, cycle, before, after),
            )
            flags.append(ChangeFlag(q.key, message, before, after, cycle))
        return flags
    if kind.quantity:
        before_number, after_number = _number(old), _number(new)
        if before_number is None or after_number is None:
            return []
        jump = _jump(before_number, after_number)
        if jump is None:
            return []
        before, after = present(q, previous.answer).text, present(q, answer).text
        return [
            ChangeFlag(q.key, _quantity_message(jump, cycle, before, after), before, after, cycle)
        ]
    if kind.yes_and_no is not None and (old, new) == kind.yes_and_no:
        before, after = present(q, previous.answer).text, present(q, answer).text
        return [ChangeFlag(q.key, _changed(cycle, before, after), before, after, cycle)]
    return []


def change_flags(
    report: Report, fmt: Format, kind: str, answers: dict[str, dict]
) -> list[ChangeFlag]:
    """The flags of `answers` (typed, as `reading` gives a version; on `fmt`, of report
    kind `kind`) against the Party's previous answers, in the format's order. Questions a
    condition hides, and answers other than values, are not compared."""
    visible = visibility(fmt, answers, kind)
    questions = [
        q
        for q in fmt.iter_questions(kind)
        if q.key in answers
        and visible.get(q.key, True)
        and (answers[q.key].get("state") or VALUE) == VALUE
        and (q.kind.quantity or q.kind.tabular or q.kind.yes_and_no is not None)
    ]
    if not questions:
        return []
    previous = previous_answers(report, fmt, questions)
    flags: list[ChangeFlag] = []
    for q in questions:
        before = previous.get(q.key)
        if before is not None and (before.answer.get("state") or VALUE) == VALUE:
            flags.extend(_flags_of(q, answers[q.key], before))
    return flags
