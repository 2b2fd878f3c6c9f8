"""Liveness and readiness for the load balancer and the orchestrator.

`/healthz` (liveness): this worker answers and reaches the database. `/readyz`
(readiness): everything a request may need answers too: the database, the task queue's
broker, Redis when the rate limits use it, and a writable attachment store. Both answer
JSON, 503 when something is missing (with what), never an HTML error page; neither needs
a login nor tells anything about reports.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from .extensions import db

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)

#: Seconds a readiness check may wait for the broker or Redis.
CHECK_TIMEOUT = 2


def _unavailable(**checks):
    response = jsonify(status="unavailable", **checks)
    response.status_code = 503
    response.headers["Retry-After"] = "10"
    return response


def _database() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
        return True
    except SQLAlchemyError as exc:
        log.error("health check: the database does not answer (%s)", type(exc).__name__)
        try:
            db.session.rollback()
        except SQLAlchemyError:
            pass
        return False


@bp.get("/healthz")
def healthz():
    """Alive when the database answers; stateless, so any worker can reply."""
    if not _database():
        return _unavailable(database="unavailable")
    return jsonify(status="ok")


def _broker() -> bool:
    celery = current_app.extensions.get("celery")
    if celery is None:
        return True
    try:
        with celery.connection_for_write() as connection:
            connection.ensure_connection(max_retries=0, timeout=CHECK_TIMEOUT)
        return True
    except Exception as exc:  # kombu raises transport-specific errors
        log.error("readiness: the task queue's broker does not answer (%s)", type(exc).__name__)
        return False


def _rate_limit_store() -> bool:
    uri = current_app.config.get("RATELIMIT_STORAGE_URI") or ""
    if not uri.startswith(("redis://", "rediss://")):
        return True
    import redis

    try:
        redis.Redis.from_url(
            uri, socket_timeout=CHECK_TIMEOUT, socket_connect_timeout=CHECK_TIMEOUT
        ).ping()
        return True
    except redis.RedisError as exc:
        log.error("readiness: Redis does not answer (%s)", type(exc).__name__)
        return False


def _attachment_store() -> bool:
    root = current_app.config["ORT_ATTACHMENT_DIR"]
    try:
        os.makedirs(root, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=root, prefix=".ready-"):
            pass
        return True
    except OSError as exc:
        log.error("readiness: the attachment store %s is not writable (%s)", root, exc)
        return False


CHECKS: dict[str, Callable[[], bool]] = {
    "database": _database,
    "queue": _broker,
    "rate_limits": _rate_limit_store,
    "attachments": _attachment_store,
}


@bp.get("/readyz")
def readyz():
    """Ready to take traffic: every check passes."""
    checks = {name: "ok" if check() else "unavailable" for name, check in CHECKS.items()}
    if any(v != "ok" for v in checks.values()):
        return _unavailable(checks=checks)
    return jsonify(status="ready", checks=checks)
