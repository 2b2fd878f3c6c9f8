"""What every page of the web interface shares: template globals, error pages, log-in view.

A blueprint without routes: registering it sets these up on the application.
"""
from __future__ import annotations

import re
from urllib.parse import urlencode

from flask import Blueprint, abort, render_template, request
from markupsafe import Markup
from flask_babel import format_date, format_datetime, gettext as _, lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError

from forms.questionnaire import field_name

from ..api.errors import is_api_request
from ..extensions import login_manager
from ..inputs import args_have_nul
from ..policy import can
from ..questionnaire.kinds.number import UNIT_NAMES, UNITS
from .. import conventions
from ..questionnaire import get_format, report_kinds
from ..questionnaire.report_kinds import kind_name
from ..questionnaire.translate import qt
from .common import optional_url, secure_headers
from . import errors
from ..reports.status_labels import status_label

bp = Blueprint("ui", __name__)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@bp.record_once
def _setup(state):
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"
    errors.register(state.app)
    state.app.before_request(_refuse_nul_in_address)
    state.app.after_request(secure_headers)
    state.app.jinja_env.globals.update(
        qt=qt, optional_url=optional_url, field_name=field_name, unit_label=unit_label,
        unit_name=unit_name, status_label=status_label, format_date=format_date,
        format_datetime=format_datetime,
    )


def _refuse_nul_in_address():
    """A NUL in a page's address or query string (PostgreSQL cannot compare text holding
    one) is a bad request, not a server error; the API answers it as a problem itself."""
    if not is_api_request() and args_have_nul():
        abort(400)


def unit_label(unit: str | None) -> str:
    """A unit's symbol in the user's language ("t")."""
    return str(UNITS.get(unit, unit or ""))


def unit_name(unit: str | None) -> str:
    """A unit's name in the user's language ("metric tonnes"), for screen readers."""
    return str(UNIT_NAMES.get(unit, unit or ""))


@bp.app_template_global()
def language_url(code: str) -> str:
    """This page in another language (`?lang=xx`, other query arguments kept)."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
    return request.path + "?" + urlencode(args + [("lang", code)])


@bp.app_template_filter()
def date_like(text: str) -> bool:
    """Whether a date input can show this value (a browser's date picker blanks anything else)."""
    return bool(_ISO_DATE.fullmatch(text or ""))


@bp.app_template_global()
def text_dir(spec) -> str | None:
    """Direction of what people type: free text follows its own script, codes read left
    to right (the kind's `text_direction`)."""
    return spec.kind.text_direction


@bp.app_template_global()
def cycle_name(cycle) -> str:
    """A cycle as people name it ("Short report 2023"), rather than its code: a code such
    as "2023-short" also reads backwards inside a right-to-left sentence. The kind's name
    is its format's."""
    fmt = get_format(cycle.format_id, cycle.format_version)
    return _("%(kind)s %(year)d", kind=kind_name(fmt, cycle.kind), year=cycle.year)


@bp.app_template_global()
def cycle_kind_label(cycle) -> str:
    """A cycle's report kind with its cadence ("Short report (every two years)")."""
    return report_kinds.cycle_kind_label(cycle)


@bp.app_template_global()
def brand():
    """The conventions served, as pages and mails name them (reporting.conventions)."""
    return conventions.brand()


@bp.app_template_filter("bdi")
@bp.app_template_global()
def bdi(text) -> Markup:
    """A value isolated from the sentence around it, so that a date, an address or a name in
    one script keeps its order inside a sentence in another (Arabic pages)."""
    return Markup("<bdi>%s</bdi>") % text


@bp.app_template_global()
def user_can(action: str, target=None) -> bool:
    return can(current_user, action, target)


def web_blueprint(blueprint: Blueprint) -> Blueprint:
    """Expired-form handling for a blueprint of the web interface (error pages and
    security headers are app-wide: `reporting.web.errors`, `secure_headers`)."""
    blueprint.register_error_handler(CSRFError, csrf_error)
    return blueprint


def csrf_error(error):
    """An expired form: a report page's values are never lost (see reporting.web.replay)."""
    if request.endpoint == "reports.page":
        from .reports import page_after_csrf_error

        return page_after_csrf_error(**request.view_args)
    if request.endpoint == "auth.login":
        from .login import login_after_csrf_error

        return login_after_csrf_error()
    return render_template("errors/expired.html"), 400
