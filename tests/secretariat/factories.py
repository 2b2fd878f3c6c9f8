"""Test data for the secretariat's pages: reports in any state with chosen dates.

Submissions are inserted (never updated: they are immutable) with the dates a test needs,
so that on-time and late submissions can be made without waiting for a due date.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from reporting.auth.sessions import session_values
from reporting.extensions import db
from reporting.models import Party, Report, ReportStatus, Submission
from reporting.questionnaire.samples import sample_answers
from reporting.reports import workflow
from reporting.reports.answers import save_answers


def at(year, month, day, hour=12) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


def party(iso3: str) -> Party:
    return db.session.scalars(select(Party).where(Party.iso3 == iso3)).one()


def report_in_state(party: Party, cycle, status: str, submitted: list[datetime] = ()) -> Report:
    """A report row in `status` with one submission per date in `submitted`."""
    report = Report(
        party=party, cycle=cycle, status=ReportStatus(status), submitted_versions=len(submitted)
    )
    db.session.add(report)
    db.session.flush()
    for number, moment in enumerate(submitted, start=1):
        db.session.add(
            Submission(
                report_id=report.id,
                version_no=number,
                submitted_at=moment,
                format_id=cycle.format_id,
                format_version=cycle.format_version,
                language="en",
                content={"answers": {}},
                content_hash="0" * 64,
            )
        )
        report.submitted_at = moment
    db.session.flush()
    return report


def filled_report(party: Party, cycle, user, seed: int = 1) -> Report:
    """A draft with valid sample answers for every question of the cycle (submittable)."""
    report = workflow.start_report(party, cycle, user, carry_over=False)
    fmt = workflow.report_format(report)
    prefilled = {q.key for q in fmt.iter_questions() if q.prefill}
    save_answers(
        report, fmt, sample_answers(fmt, cycle.kind, seed=seed, skip=prefilled), user, cycle.kind
    )
    return report


def submitted_report(party: Party, cycle, user, seed: int = 1) -> Report:
    report = filled_report(party, cycle, user, seed)
    workflow.submit(report, user)
    return report


def login(client, user) -> None:
    """Log `user` in for the next requests of `client`.

    The test's app context (from the `db` fixture) outlives requests, so Flask-Login's
    cached user in `g` is dropped too; otherwise a switch of user would not be seen.
    """
    from flask import g

    with client.session_transaction() as session:
        session.update(session_values(user))
    g.pop("_login_user", None)
