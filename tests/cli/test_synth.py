"""`flask ort synth`: synthetic reports through the workflow, in a mix of states."""

from collections import Counter

from sqlalchemy import func, select

from reporting.models import (
    Answer,
    AnswerCell,
    AuditEvent,
    Party,
    PartyMembership,
    Report,
    ReportStatus,
    Submission,
)


def _synth(app, *args):
    return app.test_cli_runner().invoke(args=["ort", "synth", *args, "--yes"])


def test_synth_makes_reports_of_every_party_in_each_cycle_in_a_mix_of_states(app, db):
    before = db.session.scalar(select(func.count()).select_from(Report))
    result = _synth(app, "--parties", "12", "--cycles", "2")
    assert result.exit_code == 0, result.output
    assert "Made 24 reports of 12 Parties in 2019-short, 2021-full" in result.output
    reports = list(db.session.scalars(select(Report).where(Report.id > 0)))
    assert len(reports) - before == 24
    states = Counter(r.status for r in reports)
    assert {ReportStatus.accepted, ReportStatus.submitted, ReportStatus.returned} <= set(states)
    assert ReportStatus.draft in states
    # Every report holds answers, tables with their cells among them.
    for report in reports:
        count = select(func.count()).select_from(Answer).where(Answer.report_id == report.id)
        assert db.session.scalar(count) > 10
    assert db.session.scalar(select(func.count()).select_from(AnswerCell)) > 0


def test_synth_returns_and_resubmits_some_templates_through_the_workflow(app, db):
    assert _synth(app, "--parties", "6", "--cycles", "1").exit_code == 0
    returns = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "report.return")
    ).all()
    assert returns
    twice = db.session.scalars(
        select(Submission.report_id).group_by(Submission.report_id).having(func.count() == 2)
    ).all()
    assert set(twice) & {e.report_id for e in returns}


def test_synth_adds_synthetic_parties_as_members_of_the_convention(app, db):
    seeded = db.session.scalar(select(func.count()).select_from(Party))
    assert _synth(app, "--parties", str(seeded + 3), "--cycles", "1").exit_code == 0
    synthetic = db.session.scalars(select(Party).where(Party.name.like("Synthetic Party %"))).all()
    assert len(synthetic) == 3
    members = set(
        db.session.scalars(
            select(PartyMembership.party_id).where(PartyMembership.convention == "minamata")
        )
    )
    assert {p.id for p in synthetic} <= members


def test_synth_twice_adds_nothing_the_second_time(app, db):
    assert _synth(app, "--parties", "5", "--cycles", "1").exit_code == 0
    again = _synth(app, "--parties", "5", "--cycles", "1")
    assert again.exit_code == 0
    assert "Made 0 reports" in again.output


def test_synth_refuses_more_cycles_than_the_convention_has(app, db):
    result = _synth(app, "--parties", "5", "--cycles", "40")
    assert result.exit_code == 2
    assert "reporting cycles, not 40" in result.output
    assert db.session.scalar(select(func.count()).select_from(Report)) == 0
