"""Nothing silently altered: a submitted version whose stored answers no longer match the
SHA-256 recorded at submission is never served as genuine (receipt, PDFs, review, API),
the secretariat is shown an integrity error, and `ort verify` reports every mismatch of
a version or of an attachment's stored file.

The alterations are made as an intruder with database access would: a raw UPDATE, past
the trigger that refuses it (disabled or dropped inside the test's transaction, which is
rolled back at the end, trigger included)."""

import copy
import logging
import secrets
from io import BytesIO

import pytest
from sqlalchemy import select, text, update
from werkzeug.datastructures import FileStorage

from reporting.api.clients import create_client
from reporting.attachments import attachment_path, store_upload
from reporting.extensions import db as _db
from reporting.models import Answer, ReportingCycle, Submission
from reporting.questionnaire.samples import sample_answers
from reporting.reports import workflow
from reporting.reports.answers import save_answers
from reporting.reports.versions import SnapshotAltered, submission_of
from tests.web.helpers import login

INSTITUTION = "party.focal_point.institution"


@pytest.fixture
def submitted(request_ctx, party_a, short_cycle, focal_point, minamata):
    """Party A's short report, submitted once; returns its id."""
    report = workflow.start_report(party_a, short_cycle, focal_point, carry_over=False)
    prefilled = {q.key for q in minamata.iter_questions() if q.prefill}
    answers = sample_answers(minamata, "short", skip=prefilled)
    answers[INSTITUTION] = {"value": "Ministry of the Environment"}
    assert save_answers(report, minamata, answers, focal_point, "short") == []
    workflow.submit(report, focal_point)
    _db.session.commit()
    return report.id


def _alter_in_the_database(
    report_id: int, version_no: int = 1, value: str = "Altered behind the tool's back"
) -> None:
    submission = _db.session.scalars(
        select(Submission).where(
            Submission.report_id == report_id, Submission.version_no == version_no
        )
    ).one()
    content = copy.deepcopy(submission.content)
    content["answers"][INSTITUTION]["value"] = value
    if _db.session.get_bind().dialect.name == "postgresql":
        _db.session.execute(text("ALTER TABLE submission DISABLE TRIGGER submission_immutable"))
    else:
        _db.session.execute(text("DROP TRIGGER submission_no_update"))
    table = Submission.__table__
    _db.session.execute(update(table).where(table.c.id == submission.id).values(content=content))
    _db.session.commit()
    _db.session.expire_all()


def test_an_intact_version_is_served(client, submitted, focal_point):
    login(client, focal_point)
    assert client.get(f"/reports/{submitted}/versions/1").status_code == 200
    assert client.get(f"/reports/{submitted}/pdf?version=1").status_code == 200


def test_an_altered_version_is_refused_by_the_receipt_and_the_pdfs(
    client, submitted, focal_point, caplog
):
    _alter_in_the_database(submitted)
    login(client, focal_point)
    with caplog.at_level(logging.ERROR):
        receipt = client.get(f"/reports/{submitted}/versions/1?lang=fr")
    assert receipt.status_code == 409
    assert (
        '<html lang="fr"' in receipt.text
        and "Cette version ne peut pas être affichée" in receipt.text
    )
    assert any(r.levelno == logging.ERROR and "integrity" in r.getMessage() for r in caplog.records)
    for url in (
        f"/reports/{submitted}/pdf?version=1",
        f"/reports/{submitted}/pdf",
        f"/reports/{submitted}/versions/1/receipt.pdf",
    ):
        response = client.get(url)
        assert response.status_code == 409, url
        assert response.mimetype == "text/html"  # an error page, not the altered PDF


def test_an_altered_version_is_refused_by_the_api(client, submitted):
    _alter_in_the_database(submitted)
    token = create_client("Secretariat tools", "read:all")[1]
    _db.session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    for url in (f"/api/v1/reports/{submitted}", f"/api/v1/reports/{submitted}/versions/1"):
        response = client.get(url, headers=headers)
        assert response.status_code == 409, url
        assert response.mimetype == "application/problem+json"
        assert response.json["type"].endswith("/problems/integrity-error")
        assert "Altered behind" not in response.text


def test_the_secretariat_sees_an_integrity_error_not_the_altered_answers(
    client, submitted, secretariat
):
    login(client, secretariat)
    intact = client.get(f"/secretariat/reports/{submitted}").text
    assert "Ministry of the Environment" in intact and "Integrity error" not in intact
    _alter_in_the_database(submitted)
    for url in (f"/secretariat/reports/{submitted}", f"/secretariat/reports/{submitted}?version=1"):
        page = client.get(url)
        assert page.status_code == 200
        assert "Integrity error" in page.text and 'role="alert"' in page.text
        assert "The stored answers of version 1 no longer match" in page.text
        assert "Altered behind" not in page.text and "Ministry of the Environment" not in page.text


def test_the_lookup_raises_for_an_altered_version(request_ctx, submitted):
    from reporting.models import Report

    report = _db.session.get(Report, submitted)
    assert submission_of(report, 1) is not None
    _alter_in_the_database(submitted)
    with pytest.raises(SnapshotAltered):
        submission_of(report, 1)


def test_an_altered_version_is_not_carried_over_into_the_next_report(
    request_ctx, submitted, party_a, focal_point
):
    _alter_in_the_database(submitted)
    later = _db.session.scalars(
        select(ReportingCycle).where(ReportingCycle.code == "2027-short")
    ).one()
    report = workflow.start_report(party_a, later, focal_point)
    values = _db.session.scalars(
        select(Answer.value_text).where(Answer.report_id == report.id)
    ).all()
    assert "Altered behind the tool's back" not in values
    assert report.carried_from_id is None


# -- ort verify -----------------------------------------------------------------------------


def test_ort_verify_passes_an_intact_database(app, submitted):
    result = app.test_cli_runner().invoke(args=["ort", "verify"])
    assert result.exit_code == 0, result.output
    assert "no mismatch" in result.output


def test_ort_verify_reports_an_altered_version(app, submitted):
    _alter_in_the_database(submitted)
    result = app.test_cli_runner().invoke(args=["ort", "verify"])
    assert result.exit_code == 1
    assert (
        "ALTERED submission" in result.output and f"report {submitted} version 1" in result.output
    )


def test_ort_verify_reports_an_attachment_file_changed_or_missing(app, request_ctx, submitted):
    from reporting.models import Report

    report = _db.session.get(Report, submitted)
    changed = store_upload(
        report,
        "a",
        FileStorage(BytesIO(b"%PDF-" + secrets.token_bytes(16)), filename="changed.pdf"),
    )
    missing = store_upload(
        report,
        "b",
        FileStorage(BytesIO(b"%PDF-" + secrets.token_bytes(16)), filename="missing.pdf"),
    )
    _db.session.commit()
    attachment_path(changed.sha256).write_bytes(b"%PDF- something else")
    attachment_path(missing.sha256).unlink()
    result = app.test_cli_runner().invoke(args=["ort", "verify"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(line.startswith("ALTERED attachment") and "changed.pdf" in line for line in lines)
    assert any(line.startswith("MISSING attachment") and "missing.pdf" in line for line in lines)
    assert "2 mismatches" in result.output


def test_differences_with_an_altered_version_are_refused(
    client, submitted, focal_point, secretariat
):
    from reporting.models import Report

    report = _db.session.get(Report, submitted)
    workflow.return_for_revision(report, secretariat, "Please check Article 3.")
    workflow.submit(report, focal_point)
    _db.session.commit()
    _alter_in_the_database(submitted, version_no=1)
    login(client, focal_point)
    assert client.get(f"/reports/{submitted}/versions/2").status_code == 200  # intact
    assert client.get(f"/reports/{submitted}/diff").status_code == 409
    login(client, secretariat)
    page = client.get(f"/secretariat/reports/{submitted}?version=2&compare=1")
    assert page.status_code == 200 and "Integrity error" in page.text
    assert "Differences between version 1 and version 2" not in page.text
    assert "Altered behind" not in page.text
