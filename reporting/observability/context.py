"""Who and what a log line or metric is about: the request id, the user, their Party.

The request id comes from the client's `X-Request-Id` (a load balancer or proxy that set
one, so that its logs and ours share it) when it is short and plain, else a new one; it
goes back in the response's `X-Request-Id` and on error pages, and on to the tasks the
request sends. In a worker, the id of the request that sent the task is the task's.
Kept in the WSGI environ (per request, unlike `g`, which the CLI and tests reuse).
"""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar

from flask import g, has_request_context, request

HEADER = "X-Request-Id"
_ENVIRON_KEY = "ort.request_id"
_IDENTITY_KEY = "ort.identity"
_SANE = re.compile(r"[A-Za-z0-9._-]{1,64}")
#: Outside a request (a task in a worker): the id of the request that sent the task.
task_request_id: ContextVar[str | None] = ContextVar("ort_task_request_id", default=None)
#: The name of the task running in this worker process, for its log lines.
task_name: ContextVar[str | None] = ContextVar("ort_task_name", default=None)


def sane_request_id(value: str | None) -> str | None:
    """The client's id if it is at most 64 letters, digits, dots, dashes or underscores."""
    return value if value and _SANE.fullmatch(value) else None


def current_request_id() -> str | None:
    """This request's id (made on first use), or the running task's, or None."""
    if not has_request_context():
        return task_request_id.get()
    environ = request.environ
    if _ENVIRON_KEY not in environ:
        environ[_ENVIRON_KEY] = sane_request_id(request.headers.get(HEADER)) or uuid.uuid4().hex
    return environ[_ENVIRON_KEY]


def current_identity(load: bool = False) -> tuple[int | None, str | None]:
    """(user id, Party code) of the request's user, if logged in.

    Logging must not query the database, so by default only what is already loaded is
    read (`load=False`); the access line, written once after the response, may load the
    user's Party (`load=True`), and what it finds is kept for the rest of the request."""
    if not has_request_context():
        return None, None
    kept = request.environ.get(_IDENTITY_KEY)
    if kept is not None:
        return kept
    user = g.get("_login_user")  # Flask-Login's: set only once something asked for the user
    if user is None or not getattr(user, "is_authenticated", False):
        return None, None
    identity = _read(user, load)
    if identity[0] is not None and (load or identity[1] is not None):
        request.environ[_IDENTITY_KEY] = identity
    return identity


def _read(user, load: bool) -> tuple[int | None, str | None]:
    from ..database import reading

    with reading():  # after the response: never SQLite's write lock, even after a save
        return _read_loaded(user, load)


def _read_loaded(user, load: bool) -> tuple[int | None, str | None]:
    from sqlalchemy import inspect
    from sqlalchemy.exc import SQLAlchemyError

    state = inspect(user)
    user_id = state.identity[0] if state.identity else None
    party = state.dict.get("party")
    if party is None and load:
        try:
            party = user.party
        except SQLAlchemyError:  # the database is down: the line is written without it
            party = None
    code = inspect(party).dict.get("iso3") if party is not None else None
    if code is None and party is not None and load:
        try:
            code = party.iso3
        except SQLAlchemyError:
            code = None
    return user_id, code


def route() -> str | None:
    """The matched URL rule's endpoint (never the raw path: its ids and tokens vary)."""
    if not has_request_context() or request.url_rule is None:
        return None
    return request.url_rule.endpoint
