"""Long work done by a task-queue worker for a person: exports, a report's download, the
PDFs of a cycle. One engine for all of them (`engine`), one runner per kind of job.

- `engine.start_job(session, kind, parameters, user)`: the `Job` row, and its task sent
  once the row is committed (`reporting.tasks.dispatch.enqueue_after_commit`);
- `engine.run_job(job_id)`: what the task does (`reporting.tasks.jobs.run_job`): runs the
  kind's runner into a temporary file of the job store, renames it into place, reports
  progress into the row in short transactions of its own, and ends `done` or `failed`
  with a message the person can read (the traceback goes to the log). Running a job
  again (a redelivered task) starts it again from nothing: the result is complete or
  absent, never half-written;
- `store`: the job store (`ORT_JOB_DIR`, shared by every worker and web host) and the
  removal of expired files (`ORT_JOB_RETENTION_HOURS`; the rows stay, as history);
- `exports`, `bundles`: the runners (data exports through `reporting.exports`; a
  report's XLSX and attachments as a zip; every submitted report of a cycle as PDFs).
"""
