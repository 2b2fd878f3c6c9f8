"""What every page of the web interface shares: template globals, security headers, the
log-in view, refusing a NUL in an address.

`create_app` calls `register(app)`; error pages are `reporting.web.errors.register`.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from flask import Flask, abort, request
from flask_babel import format_date, format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup, escape

from forms.questionnaire import field_name

from .. import conventions
from ..api.errors import is_api_request
from ..extensions import login_manager
from ..inputs import args_have_nul
from ..policy import can
from ..questionnaire import get_format, report_kinds
from ..questionnaire.report_kinds import kind_name
from ..questionnaire.translate import qt
from ..reports.present import FSI, PDI, column_heading, unit_label, unit_name
from ..reports.status_labels import status_label
from .common import optional_url, secure_headers

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def register(app: Flask) -> None:
    """Set up on `app` what every web page shares (before the blueprints: the API's hooks,
    registered after, run around these)."""
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"
    app.before_request(_refuse_nul_in_address)
    app.after_request(secure_headers)
    app.jinja_env.globals.update(
        qt=qt,
        optional_url=optional_url,
        field_name=field_name,
        unit_label=unit_label,
        unit_name=unit_name,
        column_heading=column_heading,
        status_label=status_label,
        format_date=format_date,
        format_datetime=format_datetime,
        language_url=language_url,
        text_dir=text_dir,
        cycle_name=cycle_name,
        cycle_kind_label=cycle_kind_label,
        brand=brand,
        bdi=bdi,
        user_can=user_can,
    )
    app.jinja_env.filters.update(date_like=date_like, bdi=bdi, isolated=isolated)


def _refuse_nul_in_address():
    """A NUL in a page's address or query string (PostgreSQL cannot compare text holding
    one) is a bad request, not a server error; the API answers it as a problem itself."""
    if not is_api_request() and args_have_nul():
        abort(400)


def language_url(code: str) -> str:
    """This page in another language (`?lang=xx`, other query arguments kept)."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
    return request.path + "?" + urlencode(args + [("lang", code)])


def date_like(text: str) -> bool:
    """Whether a date input can show this value (a browser's date picker blanks anything else)."""
    return bool(_ISO_DATE.fullmatch(text or ""))


def text_dir(spec) -> str | None:
    """Direction of what people type: free text follows its own script, codes read left
    to right (the kind's `text_direction`)."""
    return spec.kind.text_direction


def cycle_name(cycle) -> str:
    """A cycle as people name it ("Short report 2023"), rather than its code: a code such
    as "2023-short" also reads backwards inside a right-to-left sentence. The kind's name
    is its format's."""
    fmt = get_format(cycle.format_id, cycle.format_version)
    return _("%(kind)s %(year)d", kind=kind_name(fmt, cycle.kind), year=cycle.year)


def cycle_kind_label(cycle) -> str:
    """A cycle's report kind with its cadence ("Short report (every two years)")."""
    return report_kinds.cycle_kind_label(cycle)


def brand():
    """The conventions served, as pages and mails name them (reporting.conventions)."""
    return conventions.brand()


def bdi(text) -> Markup:
    """A value isolated from the sentence around it, so that a date, an address or a name in
    one script keeps its order inside a sentence in another (Arabic pages)."""
    return Markup("<bdi>%s</bdi>") % text


def isolated(text) -> Markup:
    """Presented answer text (`reporting.reports.present`) for a page: its bidi isolates
    become <bdi> elements, so that copied text holds no invisible characters."""
    return Markup(str(escape(text or "")).replace(FSI, "<bdi>").replace(PDI, "</bdi>"))


def user_can(action: str, target=None) -> bool:
    return can(current_user, action, target)
