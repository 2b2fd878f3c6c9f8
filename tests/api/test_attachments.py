"""Files of a version through the API: partners get published, non-confidential answers'
files only; read:all gets every file; anything else is a 404."""

import secrets
from io import BytesIO

import pytest
from werkzeug.datastructures import FileStorage

from reporting.attachments import store_upload
from reporting.extensions import db as _db
from reporting.questionnaire.samples import sample_answers
from reporting.reports import workflow
from reporting.reports.answers import save_answers

from .factories import party

PUBLIC, SECRET = "art3.exports.documents", "art3.imports_non_parties.documents"


def _report_with_files(iso3, cycle, focal, secretariat, accept: bool):
    """A report whose answer 4.4 holds a file and 5.4 a confidential one."""
    report = workflow.start_report(party(iso3), cycle, focal, carry_over=False)
    fmt = workflow.report_format(report)
    kind = cycle.kind
    prefilled = {q.key for q in fmt.iter_questions() if q.prefill}
    payload = sample_answers(fmt, kind, seed=3, skip=prefilled)
    files = {}
    for key, name in ((PUBLIC, "consents.pdf"), (SECRET, "secret.pdf")):
        data = b"%PDF-1.4\n" + secrets.token_hex(16).encode()
        files[key] = (store_upload(report, key, FileStorage(BytesIO(data), filename=name)), data)
    payload.update(
        {
            "art3.exports": {"value": "yes"},
            "art3.imports_non_parties": {"value": "yes"},
            PUBLIC: {"value": files[PUBLIC][0].token},
            SECRET: {"value": files[SECRET][0].token, "confidential": True},
        }
    )
    save_answers(report, fmt, payload, focal, kind)
    workflow.submit(report, focal)
    if accept:
        workflow.accept(report, secretariat)
    return report, files


@pytest.fixture
def with_files(short_cycle, focal_point, secretariat):
    published = _report_with_files("MEX", short_cycle, focal_point, secretariat, accept=True)
    submitted = _report_with_files("KEN", short_cycle, focal_point, secretariat, accept=False)
    _db.session.commit()
    return published, submitted


def _get(client, url, headers):
    response = client.get(url, headers=headers)
    response.close()
    return response


def test_a_partner_lists_and_downloads_the_published_public_file(client, with_files, partner):
    (report, files), _ = with_files
    base = f"/api/v1/reports/{report.id}/versions/1/attachments"
    listing = client.get(base, headers=partner)
    assert listing.status_code == 200
    (item,) = listing.get_json()
    public, data = files[PUBLIC]
    assert item["token"] == public.token and item["filename"] == "consents.pdf"
    assert item["content_type"] == "application/pdf" and item["size"] == len(data)
    assert item["url"].endswith(f"{base}/{public.token}")
    download = client.get(f"{base}/{public.token}", headers=partner)
    assert download.status_code == 200 and download.data == data
    assert download.mimetype == "application/octet-stream"
    assert "consents.pdf" in download.headers["Content-Disposition"]
    download.close()


def test_a_partner_never_gets_a_confidential_or_unpublished_file(client, with_files, partner):
    (report, files), (draft, draft_files) = with_files
    secret = files[SECRET][0].token
    url = f"/api/v1/reports/{report.id}/versions/1/attachments/{secret}"
    assert _get(client, url, partner).status_code == 404
    unpublished = f"/api/v1/reports/{draft.id}/versions/1/attachments"
    assert _get(client, unpublished, partner).status_code == 404
    assert _get(client, f"{unpublished}/{draft_files[PUBLIC][0].token}", partner).status_code == 404
    # Another report's token under this report finds nothing either.
    other = f"/api/v1/reports/{report.id}/versions/1/attachments/{draft_files[PUBLIC][0].token}"
    assert _get(client, other, partner).status_code == 404


def test_read_all_gets_every_file_of_every_version(client, with_files, everything):
    _, (draft, draft_files) = with_files
    base = f"/api/v1/reports/{draft.id}/versions/1/attachments"
    listed = {i["question_key"] for i in client.get(base, headers=everything).get_json()}
    assert listed == {PUBLIC, SECRET}
    secret, data = draft_files[SECRET]
    response = client.get(f"{base}/{secret.token}", headers=everything)
    assert response.status_code == 200 and response.data == data
    response.close()
    assert (
        _get(client, f"/api/v1/reports/{draft.id}/versions/2/attachments", everything).status_code
        == 404
    )
