"""Who is calling: the bearer token of the request, its client and the client's scopes.

The client is looked up once per request and kept in the WSGI environ (not in `g`, which
outlives a request wherever an application context was pushed before it: CLI, tests).
Flask-Limiter's key function asks for it before the view runs, to count per client.
"""

from __future__ import annotations

from functools import wraps

from flask import request
from flask_babel import gettext as _

from ..models import ApiClient
from .clients import client_for_token
from .problems import abort_problem

_ENVIRON_KEY = "ort.api_client"
READ_ALL = "read:all"
READ_PUBLISHED = "read:published"
#: A scope and the scopes that include it.
_IMPLIED_BY = {READ_PUBLISHED: {READ_PUBLISHED, READ_ALL}}


def bearer_token() -> str | None:
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def current_client() -> ApiClient | None:
    """The active client whose token the request carries (None: no valid token)."""
    if _ENVIRON_KEY not in request.environ:
        token = bearer_token()
        request.environ[_ENVIRON_KEY] = client_for_token(token) if token else None
    return request.environ[_ENVIRON_KEY]


def authenticate() -> ApiClient:
    client = current_client()
    if client is None:
        error = ', error="invalid_token"' if bearer_token() else ""
        abort_problem(
            "invalid-token",
            _("This token is not valid or has been revoked.")
            if bearer_token()
            else _("Send an API token in the Authorization header."),
            headers={"WWW-Authenticate": f'Bearer realm="ORT API"{error}'},
        )
    return client


def has_scope(client: ApiClient, scope: str) -> bool:
    return bool(_IMPLIED_BY.get(scope, {scope}) & client.scope_set)


def require_scope(scope: str):
    """Refuse (403) a client whose scopes do not include `scope`."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            client = authenticate()
            if not has_scope(client, scope):
                insufficient(scope)
            return view(*args, **kwargs)

        return wrapper

    return decorator


def insufficient(scope: str, detail: str | None = None):
    abort_problem(
        "insufficient-scope",
        detail or _("This request needs the scope %(scope)s.", scope=scope),
        headers={
            "WWW-Authenticate": f'Bearer realm="ORT API", error="insufficient_scope", '
            f'scope="{scope}"'
        },
        required_scope=scope,
    )


def sees_everything() -> bool:
    """True for `read:all` clients; others see published data only."""
    client = current_client()
    return client is not None and has_scope(client, READ_ALL)
