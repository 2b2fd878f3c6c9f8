"""A user of Party A reaches nothing of Party B's report: every URL is a 404, as if it did
not exist (pages, saves, review, submission, versions, receipts, differences, files)."""

from io import BytesIO

import pytest
from sqlalchemy import select

from reporting.attachments import store_upload
from reporting.extensions import db as _db
from reporting.models import Answer, Report, Submission
from reporting.questionnaire.samples import sample_answers
from reporting.reports import workflow
from reporting.reports.answers import save_answers

from .helpers import login


@pytest.fixture
def report_b(request_ctx, party_b, short_cycle, other_focal_point, minamata, secretariat):
    """Party B's report with two submitted versions and an attachment."""
    report = workflow.start_report(party_b, short_cycle, other_focal_point, carry_over=False)
    prefilled = {q.key for q in minamata.iter_questions() if q.prefill}
    save_answers(
        report,
        minamata,
        sample_answers(minamata, "short", skip=prefilled),
        other_focal_point,
        "short",
    )
    workflow.submit(report, other_focal_point)
    workflow.return_for_revision(report, secretariat, "Check the totals.")
    workflow.submit(report, other_focal_point)
    workflow.return_for_revision(report, secretariat, "Check again.")
    from werkzeug.datastructures import FileStorage

    attachment = store_upload(
        report,
        "art3.stocks.details",
        FileStorage(BytesIO(b"%PDF-1.4 secret"), filename="secret.pdf"),
    )
    _db.session.commit()
    return report, attachment.token


def _urls(report_id, token):
    base = f"/reports/{report_id}"
    return [
        ("GET", base),
        ("GET", f"{base}/pages/A"),
        ("GET", f"{base}/pages/art3"),
        ("POST", f"{base}/pages/art3"),
        ("GET", f"{base}/review"),
        ("GET", f"{base}/submit"),
        ("POST", f"{base}/submit"),
        ("GET", f"{base}/versions"),
        ("GET", f"{base}/versions/1"),
        ("GET", f"{base}/diff"),
        ("GET", f"{base}/diff?from=1&to=2"),
        ("GET", f"{base}/attachments/{token}"),
    ]


def test_every_url_of_another_partys_report_is_not_found(
    client, focal_point, contributor, report_b
):
    report, token = report_b
    report_id = report.id
    answers_before = _db.session.scalars(
        select(Answer.id).where(Answer.report_id == report_id)
    ).all()
    for user in (focal_point, contributor):
        login(client, user)
        for method, url in _urls(report_id, token):
            data = {"q.art3.primary_mining-value": "no", "save": "", "confirm_warnings": "y"}
            response = client.open(url, method=method, data=data if method == "POST" else None)
            assert response.status_code == 404, (user.email, method, url)
            assert b"Check the totals" not in response.data
    assert (
        _db.session.scalars(select(Answer.id).where(Answer.report_id == report_id)).all()
        == answers_before
    )
    assert (
        len(_db.session.scalars(select(Submission).where(Submission.report_id == report_id)).all())
        == 2
    )


def test_another_partys_report_is_not_listed_at_home(client, focal_point, report_b):
    login(client, focal_point)
    home = client.get("/").text
    assert f"/reports/{report_b[0].id}" not in home


def test_an_attachment_token_of_another_report_finds_nothing(
    client, focal_point, report_a, report_b
):
    login(client, focal_point)
    report, token = report_b
    response = client.get(f"/reports/{report_a.id}/attachments/{token}")
    assert response.status_code == 404


def test_the_secretariat_reads_reports_but_does_not_edit_them(client, secretariat, report_b):
    report, token = report_b
    report_id = report.id
    login(client, secretariat)
    assert client.get(f"/reports/{report_id}/pages/art3").status_code == 200
    assert client.get(f"/reports/{report_id}/diff").status_code == 200
    assert client.post(f"/reports/{report_id}/pages/art3", data={"save": ""}).status_code == 403
    assert client.post(f"/reports/{report_id}/submit", data={}).status_code == 403
    assert _db.session.get(Report, report_id).status.value == "returned"
