"""`/metrics`: the Prometheus scrape, for the monitoring system or an administrator.

Allowed with `Authorization: Bearer <ORT_METRICS_TOKEN>` (compared in constant time) or
to a logged-in user with the `metrics.view` permission (admins); anyone else gets the
404 of a page that does not exist, and without a token it exists for admins only.
"""

from __future__ import annotations

import hmac

from flask import Blueprint, abort, current_app, request
from flask_login import current_user

from ..policy import can
from . import metrics
from .queues import queue_registry

bp = Blueprint("observability", __name__)


def _bearer_matches() -> bool:
    expected = current_app.config.get("ORT_METRICS_TOKEN") or ""
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if not expected or scheme.lower() != "bearer" or not given:
        return False
    return hmac.compare_digest(given.strip().encode(), expected.encode())


@bp.get("/metrics")
def scrape():
    if not (_bearer_matches() or can(current_user, "metrics.view")):
        abort(404)
    body, content_type = metrics.render(queue_registry(current_app.extensions["celery"]))
    return body, 200, {"Content-Type": content_type, "Cache-Control": "no-store"}
