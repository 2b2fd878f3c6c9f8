"""Around every request (pages, API, errors, static files): the request id header, the
access line and the request metrics. Registered before every other hook, so that it
starts first and finishes last, when the response is final."""

from __future__ import annotations

import logging
import time

from flask import Flask, request

from . import metrics
from .context import HEADER, current_request_id, route
from .logs import log_access

log = logging.getLogger(__name__)
_STARTED = "ort.started"


def init_request_hooks(app: Flask) -> None:
    app.before_request(_start)
    app.after_request(_finish)
    app.context_processor(lambda: {"request_id": current_request_id()})


def _start() -> None:
    request.environ.setdefault(_STARTED, time.perf_counter())
    current_request_id()


def _finish(response):
    response.headers[HEADER] = current_request_id()
    seconds = time.perf_counter() - request.environ.get(_STARTED, time.perf_counter())
    try:
        metrics.record_request(route(), request.method, response.status_code, seconds)
        log_access(response.status_code, seconds * 1000)
    except Exception:  # never lose a response to its bookkeeping
        log.exception("the request could not be counted or logged")
    return response
