"""Per-client rate limits with Flask-Limiter: one shared budget across the whole API.

Each client has its own limit (`ApiClient.rate_limit`, else `ORT_API_RATE_LIMIT`);
requests without a valid token share a smaller per-address budget
(`ORT_API_ANONYMOUS_RATE_LIMIT`), which also slows down token guessing. Counters live in
`RATELIMIT_STORAGE_URI` (memory:// by default, Redis when several workers or hosts serve).
A refused request gets 429 with Retry-After; answered ones carry X-RateLimit-* headers.
"""

from __future__ import annotations

import math
import time

from flask import Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from .auth import current_client

_EXTENSION_KEY = "ort_api_limiter"


def client_key() -> str:
    client = current_client()
    return f"client:{client.id}" if client is not None else f"address:{get_remote_address()}"


def client_limit() -> str:
    client = current_client()
    if client is None:
        return current_app.config["ORT_API_ANONYMOUS_RATE_LIMIT"]
    return client.rate_limit or current_app.config["ORT_API_RATE_LIMIT"]


def init_rate_limits(app: Flask, blueprints) -> Limiter:
    """A limiter for this app, applying the client's limit to every API blueprint."""
    limiter = Limiter(
        key_func=client_key,
        storage_uri=app.config.get("RATELIMIT_STORAGE_URI") or "memory://",
        strategy="moving-window",
        headers_enabled=False,  # set below: Flask-Limiter would add Retry-After to every 200
        key_prefix="ort-api",
    )
    limiter.init_app(app)
    shared = limiter.shared_limit(client_limit, scope="api", key_func=client_key)
    for blueprint in blueprints:
        shared(blueprint)
    app.extensions[_EXTENSION_KEY] = limiter
    return limiter


def rate_limit_headers(response=None) -> dict:
    """X-RateLimit-* for the request's limit, and Retry-After when it was exceeded."""
    limiter: Limiter | None = current_app.extensions.get(_EXTENSION_KEY)
    if limiter is None or not limiter.enabled or request.endpoint is None:
        return {}
    current = limiter.current_limit
    if current is None:
        return {}
    reset_at = current.reset_at
    headers = {
        "X-RateLimit-Limit": str(current.limit.amount),
        "X-RateLimit-Remaining": str(current.remaining),
        "X-RateLimit-Reset": str(reset_at),
    }
    if current.breached:
        headers["Retry-After"] = str(max(1, math.ceil(reset_at - time.time())))
    return headers
