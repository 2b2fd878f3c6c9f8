"""Who else has a report's page open: the page's poll (static/js/presence.js).

POST, so that it carries the CSRF token like every form (it records a visit); allowed to
whoever may view the page (`report_for`, reporting.policy). The answer names the others
by their display name only, never by e-mail.
"""

from __future__ import annotations

from flask import abort, jsonify, request
from flask_login import current_user

from ..reports import presence
from .common import report_context, report_for
from .report_blueprint import REPORT, bp


@bp.post(f"{REPORT}/pages/<string(maxlength=60):page_key>/presence")
def page_presence(report_id, page_key):
    """Record the visit (or, with `leave`, its end); answer with the others on the page."""
    report = report_for(report_id)
    _fmt, _kind, pages = report_context(report)
    if not any(p.key == page_key for p in pages):
        abort(404)
    if request.form.get("leave"):
        presence.leave(report.id, page_key, current_user)
        return jsonify(others=[])
    others = presence.visit(report.id, page_key, current_user)
    return jsonify(
        others=[
            {"name": v.name or None, "since": v.since.isoformat().replace("+00:00", "Z")}
            for v in others
        ]
    )
