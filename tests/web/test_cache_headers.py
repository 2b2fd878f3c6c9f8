"""Caching and content sniffing: nothing a logged-in user sees (pages, PDFs, attachments,
CSVs) is stored by a browser or proxy, and the API's responses are never sniffed."""

import io

import pytest
from werkzeug.datastructures import FileStorage

from reporting.api.clients import create_client
from reporting.attachments import store_upload
from reporting.extensions import db as _db
from tests.exports.factories import focal_point_of, make_report

from .helpers import login, logout

PDF = b"%PDF-1.4\n% national inventory\n%%EOF\n"


@pytest.fixture
def report(request_ctx, full_cycle):
    report = make_report("MEX", full_cycle, "submitted", seed=3)
    attachment = store_upload(
        report, "art3.stocks.details", FileStorage(io.BytesIO(PDF), filename="inventory.pdf")
    )
    _db.session.commit()
    return report, attachment


def test_every_response_to_a_logged_in_user_is_no_store(client, report, secretariat):
    report, attachment = report
    login(client, secretariat)
    urls = [
        "/",
        "/secretariat/",
        "/secretariat/cycles/2025-full",
        "/secretariat/cycles/2025-full/parties.csv",
        f"/reports/{report.id}/pdf",
        f"/reports/{report.id}/versions/1/receipt.pdf",
        f"/reports/{report.id}/attachments/{attachment.token}",
        "/no/such/page",
    ]
    for url in urls:
        with client.get(url) as response:
            assert response.status_code in (200, 302, 404), url
            assert response.cache_control.no_store, url


def test_the_focal_points_pages_are_no_store(client, report):
    report, _attachment = report
    login(client, focal_point_of(report.party))
    for url in ("/", f"/reports/{report.id}", f"/reports/{report.id}/versions"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.cache_control.no_store, url


def test_static_files_and_anonymous_pages_may_be_cached(client, secretariat):
    assert not client.get("/login").cache_control.no_store
    login(client, secretariat)
    with client.get("/static/css/ort.css") as response:
        assert response.status_code == 200 and not response.cache_control.no_store
    logout(client)


def test_api_responses_are_nosniff(client):
    _api_client, token = create_client("Data centre", "read:published")
    _db.session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    for url in (
        "/api/v1/openapi.json",
        "/api/v1/cycles",
        "/api/v1/no-such-resource",
        "/api/v1/exports/codebook",
    ):
        with client.get(url, headers=headers) as response:
            response.get_data()  # exports stream: read to the end, then closed
            assert response.headers["X-Content-Type-Options"] == "nosniff", url
