"""Start a job, run it, report its progress, end it done or failed.

A runner (one per kind, `RUNNERS`) is `runner(parameters, out, progress) -> file name`:
it writes the result into the binary file `out` and tells `progress` what it did. The
engine gives it a temporary file in the job store and renames it into place at the end,
so a job killed mid-way leaves no half-written result: the redelivered task
(late acknowledgement) starts it again from nothing.

Progress is written into the row every `ORT_JOB_PROGRESS_EVERY` units, each time in a
short transaction of its own on its own connection: the job's reading never holds a
lock that the web app or the progress writes would wait for (on SQLite the job reads in
a deferred, read-only transaction: a WAL snapshot that blocks no writer).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import BinaryIO

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import update
from sqlalchemy.orm import Session

from ..extensions import db
from ..models import Job, JobStatus, User
from ..models.types import utcnow
from ..tasks import dispatch
from . import store

log = logging.getLogger(__name__)

RUN_JOB = "reporting.tasks.jobs.run_job"

Runner = Callable[[dict, BinaryIO, "Progress"], str]
#: Runners by job kind (registered by `reporting.jobs.exports` and `.bundles`).
RUNNERS: dict[str, Runner] = {}


class JobError(Exception):
    """A failure to tell the person who started the job: its message is translated."""


def runner(kind: str):
    def register(function: Runner) -> Runner:
        RUNNERS[kind] = function
        return function

    return register


def start_job(session: Session, kind: str, parameters: dict, user: User | None) -> Job:
    """The job's row, flushed; its task is sent when `session` commits."""
    if kind not in RUNNERS:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job(kind=kind, parameters=parameters, created_by=user, status=JobStatus.queued)
    session.add(job)
    session.flush()
    dispatch.enqueue_after_commit(session, RUN_JOB, job.id)
    log.info("Job %s (%s) queued by %s", job.id, kind, user.id if user else None)
    return job


def _write(job_id: int, **values) -> None:
    """Update the row in a transaction of its own (committed at once)."""
    with db.engine.begin() as connection:
        connection.execute(update(Job).where(Job.id == job_id).values(**values))


class Progress:
    """Counts units (rows, reports) and writes the count into the job's row now and then.
    Without a job (the CLI in the foreground) it only counts."""

    def __init__(self, job_id: int | None = None, every: int | None = None):
        self.job_id = job_id
        self.every = every or current_app.config.get("ORT_JOB_PROGRESS_EVERY", 500)
        self.done = 0
        self.total: int | None = None
        self._written = 0

    def set_total(self, total: int | None) -> None:
        """The number of units to do; progress is then written at least every 1% of it
        (200 PDFs move the bar every 2 reports, not once at the end)."""
        self.total = total
        if total:
            self.every = min(self.every, max(1, total // 100))
        if self.job_id is not None:
            _write(self.job_id, progress_total=total)

    def add(self, units: int = 1) -> None:
        self.done += units
        if self.done - self._written >= self.every:
            self.flush()

    def flush(self) -> None:
        self._written = self.done
        if self.job_id is not None:
            _write(self.job_id, progress_done=self.done)


def _begin_reading() -> None:
    """On SQLite, read in a deferred transaction (a snapshot that blocks no writer),
    not in ORT's usual BEGIN IMMEDIATE, which would hold the write lock for the job."""
    connection = db.session.connection(execution_options={"ort_driver_begins": True})
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN")


def run_job(job_id: int, task_id: str | None = None) -> str:
    """Run job `job_id` from the start (what its task does); returns its final status.

    A job already done is not run again (a duplicated task); a job `running` was
    interrupted (its worker died) and starts again from nothing."""
    job = db.session.get(Job, job_id)
    if job is None:
        return "gone"
    if job.status in (JobStatus.done, JobStatus.failed):
        return job.status.value
    kind, parameters = job.kind, dict(job.parameters or {})
    language = (job.created_by.language if job.created_by else None) or "en"
    db.session.rollback()  # no transaction of ours stays open while the job runs
    _write(
        job_id,
        status=JobStatus.running,
        started_at=utcnow(),
        progress_done=0,
        progress_total=None,
        error=None,
        task_id=task_id,
    )
    relative = f"{job_id}/result"
    progress = Progress(job_id)
    try:
        with force_locale(language):
            _begin_reading()
            with store.atomic_file(relative) as out:
                file_name = RUNNERS[kind](parameters, out, progress)
        size = store.job_file(relative).stat().st_size
    except Exception as exc:  # every failure ends the job with words, never a traceback
        db.session.rollback()
        if isinstance(exc, JobError):
            message = str(exc)
        else:
            log.exception("Job %s (%s) failed", job_id, kind)
            with force_locale(language):
                message = _(
                    "The job failed because of an unexpected error. Please try "
                    "again; if it fails again, tell the administrators (job "
                    "%(id)s).",
                    id=job_id,
                )
        _write(
            job_id,
            status=JobStatus.failed,
            finished_at=utcnow(),
            error=message[:1000],
            progress_done=progress.done,
        )
        return JobStatus.failed.value
    db.session.rollback()
    hours = current_app.config.get("ORT_JOB_RETENTION_HOURS", 72)
    _write(
        job_id,
        status=JobStatus.done,
        finished_at=utcnow(),
        progress_done=progress.done,
        file_path=relative,
        file_name=file_name,
        file_size=size,
        expires_at=utcnow() + timedelta(hours=hours),
    )
    log.info("Job %s (%s) done: %s bytes", job_id, kind, size)
    return JobStatus.done.value


def remove_expired() -> int:
    """Remove the files of jobs past `expires_at`; the rows stay (history). Periodic."""
    now = utcnow()
    jobs = db.session.scalars(
        db.select(Job).where(Job.file_path.is_not(None), Job.expires_at < now).limit(1000)
    ).all()
    for job in jobs:
        store.remove(job.file_path)
        job.file_path = None
        log.info("Job %s: file removed (expired)", job.id)
    db.session.commit()
    return len(jobs)
