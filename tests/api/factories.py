"""Reports in every state for API tests, made through the real workflow."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from reporting.extensions import db
from reporting.models import Party, Report
from reporting.questionnaire.samples import sample_answers
from reporting.reports import workflow
from reporting.reports.answers import save_answers


def party(iso3: str) -> Party:
    return db.session.scalars(select(Party).where(Party.iso3 == iso3)).one()


def first_article_question(report: Report) -> str:
    """The key of the first question after Part A in the report (a yes/no one)."""
    fmt = workflow.report_format(report)
    return next(
        q.key
        for q in fmt.iter_questions(report.cycle.kind)
        if q.part_key != "A" and q.kind.name == "yes_no"
    )


def make_report(
    party: Party,
    cycle,
    state: str,
    focal,
    secretariat,
    *,
    seed: int = 1,
    embargo_until: datetime | None = None,
    confidential: bool = False,
) -> Report:
    """A report of `party` for `cycle` in `state` (draft, submitted, returned, accepted).

    With `confidential`, the first article question's answer is marked confidential.
    """
    report = workflow.start_report(party, cycle, focal, carry_over=False)
    fmt = workflow.report_format(report)
    kind = cycle.kind
    prefilled = {q.key for q in fmt.iter_questions() if q.prefill}
    payload = sample_answers(fmt, kind, seed=seed, skip=prefilled)
    if confidential:
        key = first_article_question(report)
        payload[key] = {**payload[key], "confidential": True}
    save_answers(report, fmt, payload, focal, kind)
    if state == "draft":
        return report
    workflow.submit(report, focal)
    if state == "returned":
        workflow.return_for_revision(report, secretariat, "Please complete Article 3.")
    elif state == "accepted":
        workflow.accept(report, secretariat, embargo_until=embargo_until)
    return report
