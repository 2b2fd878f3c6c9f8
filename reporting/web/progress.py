"""How far a report is: answered, missing and invalid answers per page, and the due date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..models import Report, ReportingCycle
from ..questionnaire.checks import is_answered, is_required
from ..questionnaire.conditions import visibility
from ..questionnaire.definition import Format
from ..reports.answers import answer_data
from .pages import Page, report_pages


@dataclass(frozen=True)
class PageProgress:
    page: Page
    #: Questions shown (conditions hold) on the page.
    shown: int
    answered: int
    #: Required (or required by a condition) and not answered.
    missing: int
    invalid: int
    carried_over: int

    @property
    def percent(self) -> int:
        return 100 if not self.shown else round(100 * self.answered / self.shown)


def page_progress(fmt: Format, kind: str | None, answers: dict[str, dict]) -> list[PageProgress]:
    """Progress of every page from the report's answers (as `load_answers` gives them)."""
    data = answer_data(answers)
    visible = visibility(fmt, data, kind)
    out = []
    for page in report_pages(fmt, kind):
        shown = [q for q in page.questions if visible.get(q.key, True)]
        answered = [q for q in shown if is_answered(q, data.get(q.key))]
        missing = [
            q
            for q in shown
            if not is_answered(q, data.get(q.key)) and is_required(q, data, visible)
        ]
        out.append(
            PageProgress(
                page=page,
                shown=len(shown),
                answered=len(answered),
                missing=len(missing),
                invalid=sum(1 for q in shown if answers.get(q.key, {}).get("invalid")),
                carried_over=sum(1 for q in shown if answers.get(q.key, {}).get("carried_over")),
            )
        )
    return out


def days_left(cycle: ReportingCycle, today: date | None = None) -> int:
    """Days until the due date (negative when overdue)."""
    return (cycle.due_date - (today or date.today())).days


def status_key(report: Report | None) -> str:
    return "not_started" if report is None else report.status.value
