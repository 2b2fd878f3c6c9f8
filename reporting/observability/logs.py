"""Logs as JSON lines (one object a line, for a log collector) or as plain text.

`ORT_LOG_FORMAT`: `json` (the default outside debug and testing) or `text`;
`ORT_LOG_LEVEL`: `INFO` by default. Every record made during a request carries its
`request_id`, `user_id`, `party` (the user's Party, ISO 3166-1 alpha-3), `route` (the URL
rule's endpoint) and `method`; in a worker, the `request_id` of the request that sent the
task and the `task`. Each request ends with one access line (logger `reporting.access`)
that adds `status` and `duration_ms`.
"""

from __future__ import annotations

import logging
import sys

from flask import Flask, has_request_context, request
from pythonjsonlogger.json import JsonFormatter

from .context import current_identity, current_request_id, route, task_name

ACCESS = logging.getLogger("reporting.access")
_HANDLER_NAME = "ort"
#: The fields a record gets from the request (None outside one).
CONTEXT_FIELDS = ("request_id", "user_id", "party", "route", "method", "task")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


class _JsonLines(JsonFormatter):
    """JSON without the context fields that are empty (a record outside any request)."""

    def process_log_record(self, log_data):
        return {k: v for k, v in log_data.items() if v is not None or k not in CONTEXT_FIELDS}


class _Stderr(logging.StreamHandler):
    """stderr as it is when a record is written (a test runner swaps it per test)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value):
        pass


def json_formatter() -> logging.Formatter:
    return _JsonLines(
        "%(levelname)s %(name)s %(message)s",
        timestamp=True,
        rename_fields={"levelname": "level", "name": "logger"},
    )


def _context(record: logging.LogRecord) -> None:
    record.request_id = current_request_id()
    record.task = task_name.get()
    if has_request_context():
        record.user_id, record.party = current_identity()
        record.route, record.method = route(), request.method
    else:
        record.user_id = record.party = record.route = record.method = None


def install_record_factory() -> None:
    """Every record, whoever logs it and whichever handler writes it, gets the context."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "ort_context", False):
        return

    def factory(*args, **kwargs):
        record = previous(*args, **kwargs)
        _context(record)
        return record

    factory.ort_context = True  # type: ignore[attr-defined]  # the mark of our factory
    logging.setLogRecordFactory(factory)


def init_logs(app: Flask) -> None:
    """One handler on the root logger (stderr), in the configured format and level."""
    install_record_factory()
    default = "text" if app.debug or app.testing else "json"
    kind = (app.config.get("ORT_LOG_FORMAT") or default).lower()
    level = str(app.config.get("ORT_LOG_LEVEL") or "INFO").upper()
    handler = _Stderr()
    handler.name = _HANDLER_NAME
    handler.setFormatter(json_formatter() if kind == "json" else logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.name == _HANDLER_NAME]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    app.logger.handlers.clear()  # Flask's own handler would print each app record twice
    app.logger.propagate = True


def write_to(path: str | None) -> None:
    """Write to `path` (a worker's `--logfile`), else to the process's real stderr: Celery
    then replaces `sys.stderr` with a proxy that logs what is written to it."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.name == _HANDLER_NAME]:
        handler = (
            logging.FileHandler(path, encoding="utf-8")
            if path
            else logging.StreamHandler(sys.__stderr__)
        )
        handler.name, handler.level = _HANDLER_NAME, old.level
        handler.setFormatter(old.formatter)
        root.removeHandler(old)
        root.addHandler(handler)
        old.close()


def log_access(status: int, duration_ms: float) -> None:
    """The request's access line (its context comes from the record factory)."""
    current_identity(load=True)  # the Party may be read now, once, for the line below
    ACCESS.info(
        "%s %s %s",
        request.method,
        route() or "-",
        status,
        extra={"status": status, "duration_ms": round(duration_ms, 2)},
    )
