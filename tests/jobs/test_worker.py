"""Jobs on a real worker (embedded broker): an export job gives the CLI's file and reports
its progress; a job killed mid-way runs again and its file is complete; a failure ends
the job with words for the person; a report's download and a cycle's PDFs are zips."""

from __future__ import annotations

import io
import os
import signal
import zipfile

from openpyxl import load_workbook
from sqlalchemy import select

from reporting.extensions import db
from reporting.jobs import store
from reporting.jobs.engine import start_job
from reporting.models import Job, JobStatus, Party, Report
from tests.tasks.conftest import wait_for

LONG = {"shape": "long", "format": "csv", "filters": {"cycles": ["2025-full"], "language": "fr"}}


def _start(kind, parameters) -> int:
    job = start_job(db.session, kind, parameters, None)
    db.session.commit()  # sends the task
    return job.id


def _finished(job_id, worker, timeout=60) -> Job:
    def check():
        job = db.session.get(Job, job_id)
        if job.status in (JobStatus.done, JobStatus.failed):
            db.session.expunge(job)
            return job
        return None

    return wait_for(check, worker, timeout=timeout)


def _cli_export(app, tmp_path) -> bytes:
    out = tmp_path / "cli.csv"
    result = app.test_cli_runner().invoke(
        args=[
            "ort",
            "export",
            "--shape",
            "long",
            "--format",
            "csv",
            "--cycle",
            "2025-full",
            "--lang",
            "fr",
            "--out",
            str(out),
        ]
    )
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def test_an_export_job_on_a_worker_writes_the_file_the_cli_writes(job_worker, jobs_app, tmp_path):
    job = _finished(_start("export", LONG), job_worker)
    assert job.status == JobStatus.done, job.error
    data = store.job_file(job.file_path).read_bytes()
    assert data == _cli_export(jobs_app, tmp_path)
    rows = data.count(b"\r\n") - 1
    assert rows > 20 and job.progress_done == rows  # progress: every row written
    assert job.file_size == len(data) and job.file_name.endswith(".csv")
    assert job.expires_at > job.finished_at
    assert not list(store.job_file(job.file_path).parent.glob("*.part-*"))


def test_a_job_killed_mid_way_runs_again_and_its_file_is_complete(job_worker, jobs_app, tmp_path):
    marker = tmp_path / "runs"
    job_id = _start("test_pausing_export", {**LONG, "marker": str(marker), "pause_after": 10})

    def paused():
        job = db.session.get(Job, job_id)
        return job.status == JobStatus.running and job.progress_done >= 10 and marker.exists()

    wait_for(paused, job_worker)  # progress is visible while the job runs
    assert not store.job_file(f"{job_id}/result").exists()  # nothing half-written in place
    pid = int(marker.read_text().split()[0])
    assert pid != job_worker.process.pid
    os.kill(pid, signal.SIGKILL)  # the pool process, in the middle of the file

    job = _finished(job_id, job_worker)
    assert job.status == JobStatus.done, job.error
    assert len(marker.read_text().split()) == 2  # redelivered, run again from the start
    assert store.job_file(job.file_path).read_bytes() == _cli_export(jobs_app, tmp_path)


def test_a_bad_filter_fails_the_job_with_its_message(job_worker):
    job = _finished(
        _start("export", {"shape": "long", "format": "csv", "filters": {"cycles": ["1999-none"]}}),
        job_worker,
    )
    assert job.status == JobStatus.failed
    assert job.error == "Unknown reporting cycle: 1999-none."
    assert job.file_path is None


def test_an_unexpected_error_fails_the_job_without_its_details(job_worker):
    job_id = _start("test_broken", {})
    job = _finished(job_id, job_worker)
    assert job.status == JobStatus.failed
    assert "unexpected error" in job.error and f"job {job_id}" in job.error
    assert "secret internal detail" not in job.error and "Traceback" not in job.error
    assert "secret internal detail" in job_worker.output()  # the traceback is in the log
    assert not list(store.job_file(f"{job_id}/result").parent.glob("*"))  # nothing left


def test_a_report_download_is_a_zip_of_its_xlsx(job_worker):
    report = db.session.scalars(select(Report).join(Party).where(Party.iso3 == "KEN")).one()
    job = _finished(_start("report_bundle", {"report_id": report.id}), job_worker)
    assert job.status == JobStatus.done, job.error
    with zipfile.ZipFile(store.job_file(job.file_path)) as bundle:
        names = bundle.namelist()
        assert names[0] == "ort-KEN-2025-full.xlsx"
        book = load_workbook(io.BytesIO(bundle.read(names[0])), read_only=True)
        sheet = book["long"]
        assert {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)} == {"KEN"}
    assert job.progress_done > 0


def test_the_pdfs_of_a_cycle_are_one_zip_with_progress(job_worker):
    job = _finished(_start("cycle_pdfs", {"cycle": "2025-full"}), job_worker, timeout=120)
    assert job.status == JobStatus.done, job.error
    assert job.progress_total == 3 and job.progress_done == 3
    with zipfile.ZipFile(store.job_file(job.file_path)) as bundle:
        assert sorted(bundle.namelist()) == [
            "ort-CHN-2025-full.pdf",
            "ort-KEN-2025-full.pdf",
            "ort-MEX-2025-full.pdf",
        ]
        assert all(bundle.read(n).startswith(b"%PDF") for n in bundle.namelist())
