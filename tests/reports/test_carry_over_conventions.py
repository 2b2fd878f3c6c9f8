"""Carry-over follows stable keys within one convention: the next Minamata report takes
the last Minamata answers; a report of another convention starts empty."""

from datetime import date

from sqlalchemy import select

from reporting.extensions import db as _db
from reporting.models import Answer, Convention, ReportingCycle
from reporting.questionnaire.samples import sample_answers
from reporting.reports import workflow
from reporting.reports.answers import save_answers


def _submitted(party, cycle, user, fmt):
    report = workflow.start_report(party, cycle, user, carry_over=False)
    prefilled = {q.key for q in fmt.iter_questions() if q.prefill}
    save_answers(report, fmt, sample_answers(fmt, cycle.kind, skip=prefilled), user, cycle.kind)
    workflow.submit(report, user)
    return report


def _carried(report) -> list[str]:
    return _db.session.scalars(
        select(Answer.question_key).where(
            Answer.report_id == report.id, Answer.carried_over.is_(True)
        )
    ).all()


def _cycle(code, convention, year):
    cycle = ReportingCycle(
        code=code,
        convention=convention,
        year=year,
        kind="short",
        period_start=date(year - 2, 1, 1),
        period_end=date(year - 1, 12, 31),
        due_date=date(year, 12, 31),
        format_id="minamata",
        format_version="2023.1",
    )
    _db.session.add(cycle)
    _db.session.flush()
    return cycle


def test_only_a_report_of_the_same_convention_is_carried_over(
    request_ctx, party_a, short_cycle, focal_point, minamata
):
    previous = _submitted(party_a, short_cycle, focal_point, minamata)
    _db.session.add(Convention(code="other", title="Another convention"))
    focal_point.grant("other", focal_point.role)
    elsewhere = workflow.start_report(party_a, _cycle("2027-other", "other", 2027), focal_point)
    assert elsewhere.carried_from_id is None
    assert _carried(elsewhere) == []
    same = workflow.start_report(party_a, _cycle("2026-minamata", "minamata", 2026), focal_point)
    assert same.carried_from_id == previous.id
    assert _carried(same)
