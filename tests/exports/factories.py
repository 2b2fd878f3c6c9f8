"""National reports with known answers, for the export and aggregate tests.

Reports are made the way focal points make them (start, save, submit) and the
secretariat accepts them, so the data has what production data has: hidden answers,
states, confidential marks, table cells, versions.
"""

from __future__ import annotations

from sqlalchemy import select

from reporting.extensions import db
from reporting.models import Party, Role, User
from reporting.questionnaire.samples import sample_answers
from reporting.reports import workflow
from reporting.reports.answers import save_answers


def party(iso3: str) -> Party:
    return db.session.scalars(select(Party).where(Party.iso3 == iso3)).one()


def focal_point_of(p: Party) -> User:
    """The Party's focal point (no password: these tests never log in, and hashing is slow)."""
    email = f"fp.{p.iso3.lower()}@example.org"
    existing = db.session.scalars(select(User).where(User.email == email)).first()
    if existing is None:
        existing = User(email=email, role=Role.focal_point, party=p, name=f"FP {p.iso3}")
        existing.grant("minamata", Role.focal_point)
        db.session.add(existing)
        db.session.flush()
    return existing


def filled_report(p: Party, cycle, user, *, seed: int = 1, overrides: dict | None = None):
    """A draft with valid sample answers for every question of the cycle, plus overrides."""
    report = workflow.start_report(p, cycle, user, carry_over=False)
    fmt = workflow.report_format(report)
    prefilled = {q.key for q in fmt.iter_questions() if q.prefill}
    answers = sample_answers(fmt, cycle.kind, seed=seed, skip=prefilled)
    answers.update(overrides or {})
    issues = save_answers(report, fmt, answers, user, cycle.kind)
    assert not issues, issues
    return report


def make_report(
    iso3: str, cycle, status: str, *, seed: int = 1, overrides: dict | None = None, reviewer=None
):
    """A report of the Party in `status` (draft, submitted, returned or accepted)."""
    p = party(iso3)
    user = focal_point_of(p)
    report = filled_report(p, cycle, user, seed=seed, overrides=overrides)
    if status in ("submitted", "returned", "accepted"):
        try:
            workflow.submit(report, user)
        except workflow.SubmissionBlocked as blocked:
            raise AssertionError(blocked.issues) from blocked
    if status == "returned":
        workflow.return_for_revision(report, reviewer, "Please check article 3.")
    if status == "accepted":
        workflow.accept(report, reviewer)
    db.session.flush()
    return report
