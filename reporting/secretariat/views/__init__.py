"""The secretariat blueprint: every URL under /secretariat is for the secretariat and
admins only; national users get 403 (and anonymous visitors the login page)."""

from flask import Blueprint, abort, current_app
from flask_login import current_user

from ...policy import can

bp = Blueprint("secretariat", __name__, url_prefix="/secretariat")


@bp.before_request
def secretariat_only():
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    if not can(current_user, "report.review"):
        abort(403)
    return None


@bp.app_template_global()
def secretariat_nav_visible() -> bool:
    """Whether base.html shows the secretariat's menu (secretariat/_nav.html)."""
    return can(current_user, "report.review")


@bp.app_template_global()
def can_export_data() -> bool:
    """Whether the menu offers "Data exports" (`data.export`)."""
    return can(current_user, "data.export")


from . import (  # noqa: E402,F401  (routes)
    analysis,
    cycle_admin,
    cycles,
    exports,
    formats,
    outbox,
    queue,
    reminders,
    reports,
    users,
)


@bp.context_processor
def labels():
    from .. import labels as names

    return {"labels": names, "label": names.label}
