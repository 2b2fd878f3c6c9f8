"""Liveness and readiness for the load balancer."""
from flask import Blueprint, jsonify
from sqlalchemy import text

from .extensions import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """Ready when the database answers; stateless, so any worker can reply."""
    db.session.execute(text("SELECT 1"))
    return jsonify(status="ok")
