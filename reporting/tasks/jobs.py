"""Job tasks: run one job (an export, a report's download, a cycle's PDFs); remove the
files of expired jobs (periodic)."""

from __future__ import annotations

from celery import shared_task

from ..jobs import bundles, exports  # noqa: F401  (the runners register themselves)
from ..jobs.engine import RUN_JOB, remove_expired
from ..jobs.engine import run_job as _run_job


@shared_task(name=RUN_JOB, bind=True, acks_late=True, reject_on_worker_lost=True)
def run_job(self, job_id: int) -> str:
    """Run the job from the start. Acknowledged late: a worker killed mid-way gives the
    message back and the job runs again, from nothing, into a new temporary file."""
    return _run_job(job_id, task_id=self.request.id)


@shared_task(name="reporting.tasks.jobs.remove_expired_files")
def remove_expired_files() -> int:
    """Remove the files of jobs kept longer than `ORT_JOB_RETENTION_HOURS`."""
    return remove_expired()
