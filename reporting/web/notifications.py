"""Marking one's notifications read (they are listed on the home page)."""

from __future__ import annotations

from flask import Blueprint, redirect, request, url_for
from flask_login import current_user, login_required

from forms.reports import ActionForm

from ..extensions import db
from ..notifications import inbox, links, messages
from ..redirects import safe_target
from .blueprint import web_blueprint
from .common import MAX_ID

bp = web_blueprint(Blueprint("notifications", __name__, url_prefix="/notifications"))


def _back():
    return redirect(safe_target(request.form.get("next"), url_for("home.index")))


@bp.post(f"/<int(min=1, max={MAX_ID}):notification_id>/read")
@login_required
def mark_read(notification_id):
    """Mark one of one's own notifications read (another user's is left alone)."""
    if ActionForm().validate():
        inbox.mark_read(current_user, notification_id)
        db.session.commit()
    return _back()


@bp.post("/read")
@login_required
def mark_all_read():
    if ActionForm().validate():
        inbox.mark_read(current_user)
        db.session.commit()
    return _back()


bp.add_app_template_global(links.notification_url, "notification_url")
bp.add_app_template_global(messages.notification_summary, "notification_summary")
