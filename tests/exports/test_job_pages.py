"""The secretariat's "Data exports" pages: the form starts a job and leads to its page,
which shows progress (refreshing itself without JavaScript), the error or the download;
past exports are listed; expired files are removed; national users never get there; the
pages speak Arabic right to left. (Jobs on a real worker: tests/jobs/.)"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from reporting.jobs import store
from reporting.jobs.engine import RUN_JOB, remove_expired
from reporting.models import AuditEvent, Job, JobStatus
from reporting.models.types import utcnow
from tests.web.helpers import login


@pytest.fixture
def done_job(db, secretariat):
    path = f"pages-{utcnow().timestamp()}/result"
    with store.atomic_file(path) as out:
        out.write(b"party_iso3\r\nMEX\r\n")
    job = Job(
        kind="export",
        status=JobStatus.done,
        created_by=secretariat,
        parameters={
            "shape": "long",
            "format": "csv",
            "filters": {"cycles": ["2025-full"], "parties": ["MEX"]},
        },
        progress_done=1,
        file_path=path,
        file_name="ort-long-2025-full.csv",
        file_size=17,
        finished_at=utcnow(),
        expires_at=utcnow() + timedelta(hours=72),
    )
    db.session.add(job)
    db.session.flush()
    return job


def test_the_form_starts_an_export_job_and_leads_to_its_page(client, db, secretariat, enqueued):
    login(client, secretariat)
    page = client.get("/secretariat/exports")
    assert page.status_code == 200 and 'name="shape"' in page.text and "2025-full" in page.text
    response = client.post(
        "/secretariat/exports",
        data={
            "shape": "wide",
            "file_format": "xlsx",
            "cycles": ["2025-full"],
            "parties": ["MEX", "KEN"],
            "regions": ["africa"],
            "statuses": ["accepted"],
            "language": "fr",
        },
    )
    assert response.status_code == 303
    job = db.session.scalars(db.select(Job).order_by(Job.id.desc())).first()
    assert response.headers["Location"].endswith(f"/secretariat/jobs/{job.id}")
    assert job.kind == "export" and job.status == JobStatus.queued
    assert job.created_by_id == secretariat.id
    assert job.parameters["shape"] == "wide" and job.parameters["format"] == "xlsx"
    assert job.parameters["filters"]["parties"] == ["MEX", "KEN"]
    assert job.parameters["filters"]["language"] == "fr"
    assert enqueued == [(RUN_JOB, (job.id,))]  # sent after the commit
    html = client.get(f"/secretariat/jobs/{job.id}").text
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in html
    assert f'data-job-status="/secretariat/jobs/{job.id}/status.json"' in html


def test_a_bad_filter_is_shown_on_the_form_and_starts_nothing(client, db, secretariat, enqueued):
    login(client, secretariat)
    response = client.post(
        "/secretariat/exports",
        data={"shape": "long", "file_format": "csv", "questions": "art3.nothing", "language": "en"},
    )
    assert response.status_code == 200
    assert "Unknown question: art3.nothing." in response.text
    assert db.session.scalars(db.select(Job)).first() is None and enqueued == []


def test_the_status_json_gives_progress(client, db, secretariat):
    job = Job(
        kind="export",
        status=JobStatus.running,
        parameters={"shape": "long"},
        progress_done=1500,
        progress_total=None,
    )
    db.session.add(job)
    db.session.flush()
    login(client, secretariat)
    status = client.get(f"/secretariat/jobs/{job.id}/status.json").get_json()
    assert status["status"] == "running" and status["done"] == 1500
    assert status["progress_text"] == "1500 rows written" and not status["finished"]
    assert status["download_url"] is None
    job.progress_total = 3000
    db.session.flush()
    status = client.get(f"/secretariat/jobs/{job.id}/status.json").get_json()
    assert status["progress_text"] == "1500 rows written of 3000"


def test_a_done_job_offers_its_file_and_the_download_is_audited(client, db, secretariat, done_job):
    login(client, secretariat)
    html = client.get(f"/secretariat/jobs/{done_job.id}").text
    assert 'http-equiv="refresh"' not in html
    assert f'href="/secretariat/jobs/{done_job.id}/download"' in html
    response = client.get(f"/secretariat/jobs/{done_job.id}/download")
    assert response.status_code == 200 and response.data == b"party_iso3\r\nMEX\r\n"
    assert "ort-long-2025-full.csv" in response.headers["Content-Disposition"]
    response.close()
    event = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "export.web")).one()
    assert event.user_id == secretariat.id and event.details["job"] == done_job.id


def test_past_exports_are_listed_with_their_parameters_and_can_run_again(
    client, db, secretariat, done_job, enqueued
):
    login(client, secretariat)
    html = client.get("/secretariat/exports").text
    assert "Sam Analyst" in html and "cycles: 2025-full" in html and "Parties: MEX" in html
    assert "17 bytes" in html and f"/secretariat/jobs/{done_job.id}/download" in html
    response = client.post(f"/secretariat/jobs/{done_job.id}/again")
    again = db.session.scalars(db.select(Job).order_by(Job.id.desc())).first()
    assert response.status_code == 303 and again.id != done_job.id
    assert again.parameters == done_job.parameters and again.status == JobStatus.queued
    assert enqueued == [(RUN_JOB, (again.id,))]


def test_a_failed_job_shows_its_error(client, db, secretariat):
    job = Job(
        kind="export",
        status=JobStatus.failed,
        parameters={"shape": "long"},
        error="Unknown reporting cycle: 1999-none.",
    )
    db.session.add(job)
    db.session.flush()
    login(client, secretariat)
    html = client.get(f"/secretariat/jobs/{job.id}").text
    assert 'role="alert">Unknown reporting cycle: 1999-none.</p>' in html
    assert client.get(f"/secretariat/jobs/{job.id}/download").status_code == 404


def test_expired_files_are_removed_and_the_row_stays(client, db, secretariat, done_job):
    path = store.job_file(done_job.file_path)
    done_job.expires_at = utcnow() - timedelta(minutes=1)
    db.session.flush()
    assert remove_expired() == 1
    assert not path.exists()
    job = db.session.get(Job, done_job.id)
    assert job.file_path is None and job.status == JobStatus.done  # history stays
    login(client, secretariat)
    assert client.get(f"/secretariat/jobs/{job.id}/download").status_code == 410
    assert "removed after its retention time" in client.get(f"/secretariat/jobs/{job.id}").text


def test_a_focal_point_never_reaches_exports_or_files(client, db, focal_point, done_job):
    login(client, focal_point)
    for url in (
        "/secretariat/exports",
        f"/secretariat/jobs/{done_job.id}",
        f"/secretariat/jobs/{done_job.id}/status.json",
        f"/secretariat/jobs/{done_job.id}/download",
    ):
        response = client.get(url)
        assert response.status_code in (403, 404), url
        assert b"MEX\r\n" not in response.data
    assert client.post(f"/secretariat/jobs/{done_job.id}/again").status_code == 403
    assert "Data exports" not in client.get("/").text


def test_the_pages_render_in_arabic_right_to_left(client, db, secretariat, done_job):
    login(client, secretariat)
    for url in ("/secretariat/exports?lang=ar", f"/secretariat/jobs/{done_job.id}?lang=ar"):
        html = client.get(url).text
        assert '<html lang="ar" dir="rtl">' in html, url
    assert 'href="/secretariat/exports"' in client.get("/secretariat/?lang=en").text  # the menu


def test_the_report_page_and_the_dashboard_start_their_jobs(
    client, db, secretariat, full_cycle, enqueued
):
    from tests.exports.factories import make_report

    report = make_report("KEN", full_cycle, "submitted")
    login(client, secretariat)
    assert (
        f"/secretariat/reports/{report.id}/download"
        in client.get(f"/secretariat/reports/{report.id}").text
    )
    response = client.post(f"/secretariat/reports/{report.id}/download")
    job = db.session.scalars(db.select(Job).order_by(Job.id.desc())).first()
    assert response.status_code == 303 and job.kind == "report_bundle"
    assert job.parameters["report_id"] == report.id
    assert "/secretariat/cycles/2025-full/pdfs" in client.get("/secretariat/cycles/2025-full").text
    client.post("/secretariat/cycles/2025-full/pdfs")
    job = db.session.scalars(db.select(Job).order_by(Job.id.desc())).first()
    assert job.kind == "cycle_pdfs" and job.parameters["cycle"] == "2025-full"
    assert [name for name, _ in enqueued] == [RUN_JOB, RUN_JOB]
    assert json.dumps(job.parameters)  # plain data


def test_the_party_filter_offers_the_un_names_in_the_pages_language(client, db, secretariat):
    login(client, secretariat)
    html = client.get("/secretariat/exports?lang=fr").text
    assert ">Bolivie (État plurinational de) (BOL)</option>" in html
    assert (
        html.index("(DNK)</option>") < html.index("(EGY)</option>") < html.index("(FRA)</option>")
    )
