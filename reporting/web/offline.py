"""Working offline: a report's workbook to fill in Excel (with colleagues of other
ministries), and a blank workbook per cycle. Whoever may see a report may download its
workbook; the upload half (`reports/_offline_upload.html`) is included on the same page.
"""

from __future__ import annotations

import io

from flask import abort, render_template, request, send_file
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from .. import audit
from ..extensions import db
from ..models import ReportingCycle
from ..offline.write import XLSX_MIMETYPE, UnknownPages, blank_workbook, report_workbook
from ..policy import can
from .common import report_context, report_for
from .report_blueprint import REPORT, bp

#: Page keys accepted in one request (a format has a few dozen pages).
_MAX_PAGES = 200


@bp.get(f"{REPORT}/offline")
def offline(report_id):
    report = report_for(report_id)
    _fmt, _kind, pages = report_context(report)
    return render_template(
        "reports/offline.html", report=report, pages=pages, may_blank=_may_blank(report.cycle)
    )


@bp.get(f"{REPORT}/offline/workbook.xlsx")
def workbook(report_id):
    report = report_for(report_id)
    keys = _page_keys()
    try:
        data = report_workbook(report, keys)
    except UnknownPages as unknown:
        return _unknown_pages(unknown)
    lang = _language()
    audit.record("download.offline_workbook", current_user, report, pages=keys, language=lang)
    db.session.commit()
    return _xlsx(data, f"ORT-{report.party.iso3}-{report.cycle.code}-{lang}.xlsx")


@bp.get("/cycles/<string(maxlength=32):code>/workbook.xlsx")
def blank(code):
    """The cycle's blank workbook: for its convention's national users and the staff."""
    cycle = db.session.scalars(select(ReportingCycle).where(ReportingCycle.code == code)).first()
    if cycle is None:
        abort(404)
    if not _may_blank(cycle):
        abort(403)
    party = current_user.party if current_user.role.is_national else None
    try:
        data = blank_workbook(cycle, party, _page_keys())
    except UnknownPages as unknown:
        return _unknown_pages(unknown)
    lang = _language()
    prefix = f"ORT-{party.iso3}" if party is not None else "ORT"
    return _xlsx(data, f"{prefix}-{cycle.code}-blank-{lang}.xlsx")


def _may_blank(cycle: ReportingCycle) -> bool:
    return can(current_user, "report.view", current_user.party_id, convention=cycle.convention)


def _page_keys() -> list[str]:
    """`?pages=a&pages=b` (the form's boxes) or `?pages=a b` / `a,b` (a link)."""
    keys = [k for value in request.args.getlist("pages") for k in value.replace(",", " ").split()]
    return keys[:_MAX_PAGES]


def _language() -> str:
    return str(getattr(get_locale(), "language", None) or "en")


def _unknown_pages(unknown: UnknownPages):
    text = _(
        "The workbook cannot be made: %(pages)s is not an article or part of this report. "
        "Go back and choose among the listed ones.",
        pages=", ".join(k[:60] for k in unknown.keys[:5]),
    )
    return render_template(
        "errors/error.html", code=400, title=_("Unknown article"), text=text
    ), 400


def _xlsx(data: bytes, filename: str):
    response = send_file(
        io.BytesIO(data),
        mimetype=XLSX_MIMETYPE,
        as_attachment=True,
        download_name=filename,
        max_age=0,
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response
