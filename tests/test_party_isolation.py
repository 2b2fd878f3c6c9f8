"""A user of Party A can reach nothing of Party B (policy level; views have their own tests)."""

from sqlalchemy import select

from reporting.extensions import db as _db
from reporting.models import Report
from reporting.policy import can, scope_reports
from reporting.reports import workflow


def test_focal_point_cannot_view_edit_or_submit_another_partys_report(
    request_ctx, focal_point, other_focal_point, party_b, short_cycle
):
    report_b = workflow.start_report(party_b, short_cycle, other_focal_point, carry_over=False)
    for action in ("report.view", "report.edit", "report.submit"):
        assert can(other_focal_point, action, report_b)
        assert not can(focal_point, action, report_b)
    assert not can(focal_point, "report.start", party_b.id)


def test_report_queries_are_scoped_to_the_users_party(
    request_ctx, focal_point, other_focal_point, secretariat, party_a, party_b, short_cycle
):
    workflow.start_report(party_a, short_cycle, focal_point, carry_over=False)
    workflow.start_report(party_b, short_cycle, other_focal_point, carry_over=False)
    visible = _db.session.scalars(scope_reports(select(Report), focal_point)).all()
    assert {r.party_id for r in visible} == {party_a.id}
    assert len(_db.session.scalars(scope_reports(select(Report), secretariat)).all()) == 2


def test_only_the_focal_point_submits_and_only_the_secretariat_reviews(
    request_ctx, focal_point, contributor, secretariat, party_a, short_cycle
):
    report = workflow.start_report(party_a, short_cycle, focal_point, carry_over=False)
    assert can(contributor, "report.edit", report)
    assert not can(contributor, "report.submit", report)
    assert not can(focal_point, "report.review", report)
    assert not can(secretariat, "report.edit", report)
