"""Submissions: immutable snapshots with content hashes; the workflow's transitions."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from reporting.extensions import db as _db
from reporting.models import ReportStatus
from reporting.models.submission import ImmutableRecordError
from reporting.questionnaire.samples import sample_answers
from reporting.reports import workflow
from reporting.reports.answers import save_answers
from reporting.reports.snapshot import content_hash


def _filled(party, cycle, user, fmt):
    report = workflow.start_report(party, cycle, user, carry_over=False)
    prefilled = {q.key for q in fmt.iter_questions() if q.prefill}
    save_answers(report, fmt, sample_answers(fmt, cycle.kind, skip=prefilled), user, cycle.kind)
    return report


def test_submit_stores_snapshot_with_hash_and_locks(
    request_ctx, focal_point, party_a, short_cycle, minamata
):
    report = _filled(party_a, short_cycle, focal_point, minamata)
    submission = workflow.submit(report, focal_point)
    assert submission.version_no == 1
    assert report.status == ReportStatus.submitted and not report.is_editable
    assert submission.content_hash == content_hash(submission.content)
    assert submission.content["party"] == "MEX"
    assert set(submission.content["answers"]) <= {q.key for q in minamata.questions("short")}


def test_incomplete_report_cannot_be_submitted(request_ctx, focal_point, party_a, short_cycle):
    report = workflow.start_report(party_a, short_cycle, focal_point, carry_over=False)
    with pytest.raises(workflow.SubmissionBlocked) as info:
        workflow.submit(report, focal_point)
    assert any(i.question_key == "art3.primary_mining" for i in info.value.issues)
    assert report.status == ReportStatus.draft


def test_submission_cannot_be_changed_through_the_orm(
    request_ctx, focal_point, party_a, short_cycle, minamata
):
    submission = workflow.submit(_filled(party_a, short_cycle, focal_point, minamata), focal_point)
    submission.content_hash = "0" * 64
    with pytest.raises(ImmutableRecordError):
        _db.session.flush()
    _db.session.rollback()


def test_submission_cannot_be_changed_in_the_database(
    request_ctx, focal_point, party_a, short_cycle, minamata
):
    submission = workflow.submit(_filled(party_a, short_cycle, focal_point, minamata), focal_point)
    _db.session.flush()
    with pytest.raises(DBAPIError):
        with _db.session.begin_nested():
            _db.session.execute(
                text("UPDATE submission SET content_hash = 'x' WHERE id = :id"),
                {"id": submission.id},
            )
    with pytest.raises(DBAPIError):
        with _db.session.begin_nested():
            _db.session.execute(
                text("DELETE FROM submission WHERE id = :id"), {"id": submission.id}
            )


def test_return_and_resubmit_creates_version_two(
    request_ctx, focal_point, secretariat, party_a, short_cycle, minamata
):
    report = _filled(party_a, short_cycle, focal_point, minamata)
    first = workflow.submit(report, focal_point)
    workflow.return_for_revision(report, secretariat, "Please check the quantities.")
    assert report.status == ReportStatus.returned and report.is_editable
    changed = "yes" if first.content["answers"]["art3.primary_mining"]["value"] == "no" else "no"
    save_answers(
        report, minamata, {"art3.primary_mining": {"value": changed}}, focal_point, "short"
    )
    second = workflow.submit(report, focal_point)
    assert second.version_no == 2 and second.content_hash != first.content_hash
    workflow.accept(report, secretariat)
    assert report.status == ReportStatus.accepted


def test_transitions_out_of_order_are_refused(
    request_ctx, secretariat, focal_point, party_a, short_cycle
):
    report = workflow.start_report(party_a, short_cycle, focal_point, carry_over=False)
    with pytest.raises(workflow.WorkflowError):
        workflow.accept(report, secretariat)
    with pytest.raises(workflow.WorkflowError):
        workflow.return_for_revision(report, secretariat, "x")


def test_new_cycle_report_is_prefilled_from_last_submission_and_marked(
    request_ctx, focal_point, party_a, short_cycle, full_cycle, minamata
):
    previous = _filled(party_a, short_cycle, focal_point, minamata)
    workflow.submit(previous, focal_point)
    report = workflow.start_report(party_a, full_cycle, focal_point)
    from reporting.reports.answers import load_answers

    data = load_answers(report, minamata)
    assert report.carried_from_id == previous.id
    assert data["art3.primary_mining"]["carried_over"] is True
    assert data["art3.primary_mining"]["value"] == previous_value(previous, "art3.primary_mining")
    assert data["party.country"]["carried_over"] is False  # prefilled from the Party record


def previous_value(report, key):
    from sqlalchemy import select

    from reporting.models import Submission

    sub = _db.session.scalars(select(Submission).where(Submission.report_id == report.id)).one()
    return sub.content["answers"][key]["value"]
