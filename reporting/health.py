"""Liveness and readiness for the load balancer."""
import logging

from flask import Blueprint, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from .extensions import db

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)


@bp.get("/healthz")
def healthz():
    """Ready when the database answers; stateless, so any worker can reply.

    A database that does not answer is a 503 in JSON (the load balancer takes this
    worker out of rotation), never an HTML error page."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        log.error("health check: the database does not answer (%s)", type(exc).__name__)
        try:
            db.session.rollback()
        except SQLAlchemyError:
            pass
        response = jsonify(status="unavailable", database="unavailable")
        response.status_code = 503
        response.headers["Retry-After"] = "10"
        return response
    return jsonify(status="ok")
