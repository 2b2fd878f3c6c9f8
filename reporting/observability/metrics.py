"""The Prometheus metrics of the app and its workers, and their text for a scrape.

gunicorn and Celery run several processes: with `PROMETHEUS_MULTIPROC_DIR` set (before
the process starts; gunicorn.conf.py does it) each process writes its values to files
there and a scrape adds them up (prometheus_client's multiprocess mode). Without it (the
Flask dev server, tests) the process's own registry is read.
Labels are bounded: a route is the URL rule's endpoint, never the path.
"""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
UNMATCHED = "<unmatched>"  #: the route of a request no URL rule matched (a 404)

REQUESTS = Counter(
    "ort_http_requests",
    "HTTP requests answered, by route, method and status.",
    ["route", "method", "status"],
)
REQUEST_SECONDS = Histogram(
    "ort_http_request_duration_seconds",
    "Time to answer a request, by route and method.",
    ["route", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
TASK_SECONDS = Histogram(
    "ort_task_duration_seconds",
    "Time a task of the queue ran, by task name and final state.",
    ["task", "state"],
    buckets=(0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 1800, 3600),
)
EXPORTS = Counter(
    "ort_exports", "Data exports produced, by shape and file format.", ["shape", "format"]
)
MAILS = Counter(
    "ort_mails",
    "Mail messages handed to the SMTP server (sent) or refused or lost on the way (failed).",
    ["outcome"],
)


def record_request(route: str | None, method: str, status: int, seconds: float) -> None:
    route = route or UNMATCHED
    REQUESTS.labels(route, method, str(status)).inc()
    REQUEST_SECONDS.labels(route, method).observe(seconds)


def record_task(task: str, state: str, seconds: float) -> None:
    TASK_SECONDS.labels(task, state).observe(seconds)


def record_export(shape: str, file_format: str) -> None:
    EXPORTS.labels(shape, file_format).inc()


def record_mail(sent: bool) -> None:
    MAILS.labels("sent" if sent else "failed").inc()


def multiprocess_dir() -> str | None:
    return os.environ.get(MULTIPROC_ENV) or None


def app_registry(path: str | None = None) -> CollectorRegistry:
    """What a scrape reads: every process's files in multiprocess mode, else this process."""
    path = path or multiprocess_dir()
    if not path:
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=path)
    return registry


def render(*extra: CollectorRegistry) -> tuple[bytes, str]:
    """The exposition text of the app's metrics and of `extra` registries (computed now)."""
    body = generate_latest(app_registry()) + b"".join(generate_latest(r) for r in extra)
    return body, CONTENT_TYPE_LATEST


def mark_process_dead(pid: int) -> None:
    """A process has exited: drop its live-only values (gunicorn's `child_exit`)."""
    if multiprocess_dir():
        multiprocess.mark_process_dead(pid)
