"""Every download and export of national data is in the audit trail: who (user or API
client), which report or Party, and the parameters."""

import io

import pytest
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from reporting.api.clients import create_client
from reporting.attachments import store_upload
from reporting.extensions import db as _db
from reporting.models import AuditEvent
from tests.exports.factories import make_report
from tests.web.helpers import login

PDF = b"%PDF-1.4\n% national inventory\n%%EOF\n"


def events(action: str) -> list[AuditEvent]:
    return list(_db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


@pytest.fixture
def submitted(request_ctx, full_cycle, secretariat):
    """MEX's submitted full report with an attachment (and accepted: published)."""
    report = make_report("MEX", full_cycle, "accepted", seed=7, reviewer=secretariat)
    attachment = store_upload(
        report, "art3.stocks.details", FileStorage(io.BytesIO(PDF), filename="inventory.pdf")
    )
    _db.session.commit()
    return report, attachment


def test_report_and_receipt_pdfs_are_recorded(client, submitted, secretariat):
    report, _attachment = submitted
    login(client, secretariat)
    assert client.get(f"/reports/{report.id}/pdf?version=1&lang=fr").status_code == 200
    assert client.get(f"/reports/{report.id}/versions/1/receipt.pdf").status_code == 200
    (pdf,) = events("download.report_pdf")
    assert (pdf.user_id, pdf.report_id, pdf.party_id) == (
        secretariat.id,
        report.id,
        report.party_id,
    )
    assert pdf.details == {"version": "v1", "language": "fr"}
    (receipt,) = events("download.receipt_pdf")
    assert receipt.report_id == report.id and receipt.details["version"] == "v1"


def test_a_refused_download_is_not_recorded_as_one(client, submitted, other_focal_point):
    report, _attachment = submitted
    login(client, other_focal_point)
    assert client.get(f"/reports/{report.id}/pdf").status_code == 404
    assert events("download.report_pdf") == []


def test_attachment_downloads_are_recorded(client, submitted, secretariat):
    report, attachment = submitted
    login(client, secretariat)
    with client.get(f"/reports/{report.id}/attachments/{attachment.token}") as response:
        assert response.status_code == 200 and response.data == PDF
    (event,) = events("download.attachment")
    assert (event.user_id, event.report_id, event.party_id) == (
        secretariat.id,
        report.id,
        report.party_id,
    )
    assert event.details == {
        "token": attachment.token,
        "question_key": "art3.stocks.details",
        "filename": "inventory.pdf",
        "sha256": attachment.sha256,
    }


def test_secretariat_csv_downloads_are_recorded_with_their_filters(client, submitted, secretariat):
    login(client, secretariat)
    response = client.get(
        "/secretariat/cycles/2025-full/parties.csv?region=latin_america&status=accepted"
    )
    assert response.status_code == 200
    (event,) = events("export.parties_csv")
    assert event.user_id == secretariat.id
    assert event.details["cycle"] == "2025-full" and event.details["statuses"] == ["accepted"]
    response = client.get(
        "/secretariat/analysis/questions/art3.exports/options.csv?cycle=2025-full"
    )
    assert response.status_code == 200
    (figure,) = events("export.analysis_csv")
    assert figure.details["question"] == "art3.exports" and figure.details["figure"] == "options"
    assert figure.details["cycle"] == "2025-full"


def test_cli_exports_are_recorded(app, submitted, tmp_path):
    out = tmp_path / "long.csv"
    result = app.test_cli_runner().invoke(
        args=["ort", "export", "--shape", "long", "--party", "MEX", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    (event,) = events("export.cli")
    assert event.user_id is None and event.details["out"] == str(out)
    assert event.details["shape"] == "long" and event.details["format"] == "csv"
    assert event.details["filters"]["parties"] == ["MEX"]


def test_api_exports_are_recorded_with_the_client(client, submitted):
    api_client, token = create_client("Data centre", "read:published")
    _db.session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    for url in ("/api/v1/exports/long?party=MEX", "/api/v1/exports/datapackage"):
        with client.get(url, headers=headers) as response:
            assert response.status_code == 200
            response.get_data()  # streamed: read to the end, then closed
    long_export, package = sorted(events("export.api"), key=lambda e: e.id)
    assert long_export.details["api_client"] == "Data centre"
    assert long_export.details["api_client_id"] == api_client.id
    assert long_export.details["shape"] == "long" and long_export.details["format"] == "csv"
    assert long_export.details["filters"]["parties"] == ["MEX"]
    assert long_export.details["filters"]["audience"] == "published"
    assert package.details["shape"] == "datapackage"
