"""What happens around every API request: language, headers, the call log.

Registered on the application but acting on paths under /api/v1/ only, so that the web
pages keep their own behaviour. Compression is the whole app's (reporting.web.compression),
streamed exports included.
"""

from __future__ import annotations

import time
from contextlib import ExitStack

from flask import Flask, g, request
from flask_babel import force_locale
from flask_babel import gettext as _

from ..database import done_writing, will_write
from ..extensions import db
from ..inputs import has_nul
from ..models import ApiCall
from .auth import current_client
from .errors import is_api_request, routing_error
from .language import api_language
from .problems import abort_problem
from .ratelimit import rate_limit_headers

_STARTED = "ort.api_started"
_LOCALE = "ort.api_locale"


def init_hooks(app: Flask) -> None:
    app.before_request(_start)
    app.after_request(_finish)
    app.teardown_request(_teardown)
    # Raised before any API view runs (URL matching; the NUL check below).
    for code in (400, 404, 405):
        app.register_error_handler(code, routing_error)


def _start() -> None:
    if not is_api_request():
        return
    request.environ[_STARTED] = time.perf_counter()
    stack = ExitStack()
    stack.enter_context(force_locale(api_language()))
    request.environ[_LOCALE] = stack
    # `g` outlives a request where an app context was pushed before it (CLI, tests), and
    # flask-smorest keeps per-request ETag data there.
    g.pop("_flask_smorest", None)
    # PostgreSQL cannot compare text with NUL in it: answer here, not with a 500. No
    # resource has a NUL in its path; no parameter accepts one.
    if "\x00" in request.path:
        abort_problem("not-found")
    if any("\x00" in text for item in request.args.items(multi=True) for text in item):
        abort_problem("bad-request", _("The request contains a NUL character."))
    if request.is_json and has_nul(request.get_json(silent=True)):  # "\u0000" in a body
        abort_problem("bad-request", _("The request contains a NUL character."))


def _teardown(error=None) -> None:
    stack = request.environ.pop(_LOCALE, None)
    if stack is not None:
        stack.close()


def _finish(response):
    if not is_api_request():
        return response
    response.headers.update(rate_limit_headers())
    response.vary.update(("Authorization", "Accept-Language"))
    if "Cache-Control" not in response.headers:
        # Any cache must check back (ETag) and never give one client's answer to another.
        response.headers["Cache-Control"] = "private, no-cache"
    _log_call(response.status_code)
    return response


def _log_call(status: int) -> None:
    """Every call, answered or refused, with its client (None: no valid token)."""
    started = request.environ.get(_STARTED, time.perf_counter())
    client = current_client()
    client_id = client.id if client is not None else None
    will_write(db.session)
    db.session.add(
        ApiCall(
            client_id=client_id,
            method=_text(request.method, 10),
            path=_text(request.path, 500),
            query=_text(request.query_string.decode("latin-1"), 1000) or None,
            status=status,
            duration_ms=int((time.perf_counter() - started) * 1000),
            ip_address=_text(request.remote_addr, 45) or None,
            user_agent=_text(request.user_agent.string, 300) or None,
        )
    )
    db.session.commit()
    done_writing()


def _text(value: str | None, length: int) -> str:
    """Client-supplied text as a column takes it (PostgreSQL refuses NUL characters)."""
    return (value or "").replace("\x00", "")[:length]
