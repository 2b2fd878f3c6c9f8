"""Helpers shared by the focal points' pages: access to reports, optional links, headers."""

from __future__ import annotations

from flask import abort, current_app, request, url_for
from flask_login import current_user
from werkzeug.routing import BuildError

from ..api.errors import is_api_request
from ..extensions import db
from ..models import Report
from ..policy import can
from ..reports.workflow import report_format
from .pages import report_pages

#: Largest id accepted in URLs (the database's integer), see STACK-NOTES.
MAX_ID = 2_147_483_647

#: Every asset comes from the app itself; no page may reach another site.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def report_for(report_id: int, action: str = "report.view") -> Report:
    """The report if the current user may `action` it.

    A report the user may not even see is a 404, as if it did not exist (nothing about
    other Parties' reports leaks); one they see but may not change is a 403.
    """
    report = db.session.get(Report, report_id)
    if report is None or not can(current_user, "report.view", report):
        abort(404)
    if action != "report.view" and not can(current_user, action, report):
        abort(403)
    return report


def report_context(report: Report):
    """The format, kind and pages of a report."""
    fmt = report_format(report)
    kind = report.cycle.kind
    return fmt, kind, report_pages(fmt, kind)


def optional_url(endpoint: str, **values) -> str | None:
    """A URL of another team's page (e.g. the PDF) once that page exists, else None."""
    if endpoint not in current_app.view_functions:
        return None
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


#: Served only behind HTTPS (`ORT_HTTPS=1`): a year, subdomains included.
HSTS = "max-age=31536000; includeSubDomains"


def secure_headers(response):
    """The security headers of every response, the API's included (its docs page sets its
    own content policy).

    `nosniff` everywhere. Outside the API, `no-store` on everything a logged-in user
    gets outside /static and the public dashboard (whose pages are the same for everyone
    and say so with `Cache-Control: public`): pages and downloads (PDFs, attachments, CSVs) show national
    data, which must stay in no browser or proxy cache (all such downloads need a login;
    the API's own caching rule is in `reporting.api.hooks`).
    """
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if current_app.config.get("ORT_HTTPS"):  # browsers then never try plain HTTP again
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    if is_api_request():
        return response
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]:
        response.headers.setdefault("X-Frame-Options", "DENY")  # older browsers
    if response.cache_control.public:  # the public dashboard: the same for everyone
        return response
    if request.endpoint != "static" and current_user.is_authenticated:
        if not response.cache_control.no_store:
            response.headers["Cache-Control"] = "no-store"
    return response
