"""The `reports` blueprint and its URL prefix, shared by the modules that route on it:
`reports` (overview, pages, attachments) and `submission` (review, submit, versions)."""

from __future__ import annotations

from flask import Blueprint, current_app, request
from flask_babel import gettext as _
from flask_login import current_user

from . import autosave
from .blueprint import web_blueprint
from .common import MAX_ID
from .login import login_for_replay

bp = web_blueprint(Blueprint("reports", __name__))

REPORT = f"/reports/<int(min=1, max={MAX_ID}):report_id>"


@bp.before_request
def _login_first():
    """Pages need a login; a page's save without a session goes to the replaying login."""
    if current_user.is_authenticated:
        return None
    if request.endpoint == "reports.page" and request.method == "POST":
        if autosave.is_autosave():  # the Save button will log in again, keeping the values
            return autosave.not_saved(_("Your session has expired."), 401)
        return login_for_replay()
    return current_app.login_manager.unauthorized()
