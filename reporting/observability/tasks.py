"""The task queue's part: request ids carried to tasks, task durations, worker logging.

A task sent while answering a request carries the request's id in a message header
(`ort_request_id`); the worker puts it on every log line of that task, so that one id
finds the page, the API call and the work it started. Every task run is timed
(`ort_task_duration_seconds`, by task name and final state).
"""

from __future__ import annotations

import os
import time

from celery import signals

from . import metrics
from .context import current_request_id, task_name, task_request_id

HEADER = "ort_request_id"
_STARTED: dict[str, float] = {}


def _add_request_id(headers=None, **_):
    request_id = current_request_id()
    if request_id and headers is not None:
        headers.setdefault(HEADER, request_id)


def request_id_of(task) -> str | None:
    """The sending request's id: an attribute of the task's request on a worker (custom
    headers become attributes there), in its `headers` when applied in-process."""
    request = task.request
    return getattr(request, HEADER, None) or (getattr(request, "headers", None) or {}).get(HEADER)


def _started(task_id=None, task=None, **_):
    task_request_id.set(request_id_of(task))
    task_name.set(task.name)
    _STARTED[task_id] = time.perf_counter()


def _finished(task_id=None, task=None, state=None, **_):
    task_request_id.set(None)
    task_name.set(None)
    began = _STARTED.pop(task_id, None)
    if began is not None:
        metrics.record_task(task.name, state or "UNKNOWN", time.perf_counter() - began)


def _process_exited(**_):
    metrics.mark_process_dead(os.getpid())


def _serve_worker_metrics(**_):
    """A worker on a host of its own serves its task metrics itself, on
    `ORT_WORKER_METRICS_PORT` (all its pool processes' with `PROMETHEUS_MULTIPROC_DIR`)."""
    port = os.environ.get("ORT_WORKER_METRICS_PORT")
    if not port:
        return None
    from prometheus_client import start_http_server

    return start_http_server(
        int(port),
        os.environ.get("ORT_WORKER_METRICS_ADDR", "127.0.0.1"),
        registry=metrics.app_registry(),
    )


def _keep_our_logging(logfile=None, **_):
    """Connected, so Celery leaves logging as `logs.init_logs` set it (JSON lines, the
    level of ORT_LOG_LEVEL), only written to the worker's `--logfile` when it has one."""
    from .logs import write_to

    write_to(logfile or None)


def connect() -> None:
    """Connect the signal handlers (once per process, whatever the number of apps)."""
    signals.before_task_publish.connect(_add_request_id, weak=False, dispatch_uid="ort.rid")
    signals.task_prerun.connect(_started, weak=False, dispatch_uid="ort.prerun")
    signals.task_postrun.connect(_finished, weak=False, dispatch_uid="ort.postrun")
    signals.worker_process_shutdown.connect(_process_exited, weak=False, dispatch_uid="ort.exited")
    signals.worker_ready.connect(_serve_worker_metrics, weak=False, dispatch_uid="ort.serve")
    signals.setup_logging.connect(_keep_our_logging, weak=False, dispatch_uid="ort.logging")
