"""PDF downloads: a report (any version), a submission receipt, a blank questionnaire.

Reports and receipts need the right to view the report; to anyone else a report does not
exist (404), so that no one learns which other Parties' reports there are.
"""

from __future__ import annotations

from io import BytesIO

from flask import Blueprint, abort, current_app, request, send_file
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from .. import audit
from ..extensions import db
from ..models import Report, ReportingCycle
from ..policy import can
from ..reports.versions import submission_of
from .fonts import FontsMissing
from .questionnaire import render_questionnaire
from .receipt import render_receipt
from .report import draft_version, latest_version, render_report, submitted_version

bp = Blueprint("pdf", __name__)

#: Bounds of integer URL segments: beyond them the database integer would overflow.
MAX_ID = 2**31 - 1
MAX_VERSION = 10_000


@bp.errorhandler(FontsMissing)
def fonts_missing(error: FontsMissing):
    """A server set up without the font packages: say so in the log, not with a 500."""
    current_app.logger.error("%s", error)
    return _("PDFs cannot be made on this server at the moment."), 503


def _language(default: str) -> str:
    chosen = request.args.get("lang")
    return (
        chosen if chosen is not None and chosen in current_app.config["ORT_LANGUAGES"] else default
    )


def _pdf(data: bytes, filename: str):
    response = send_file(
        BytesIO(data), mimetype="application/pdf", download_name=filename, max_age=0
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _audit(action: str, report: Report, **details) -> None:
    """A download of national data, in the audit trail (see reporting.audit)."""
    audit.record(action, current_user, report, **details)
    db.session.commit()


def _viewable_report(report_id: int) -> Report:
    report = db.session.get(Report, report_id)
    if report is None or not can(current_user, "report.view", report):
        abort(404)
    return report


@bp.get(f"/reports/<int(min=1, max={MAX_ID}):report_id>/pdf")
@login_required
def report_pdf(report_id: int):
    """`?version=N` (a submitted version), `?version=draft`, or the latest version."""
    report = _viewable_report(report_id)
    wanted = request.args.get("version")
    if wanted is None:
        version = latest_version(report)
    elif wanted == "draft":
        version = draft_version(report)
    elif wanted.isascii() and wanted.isdigit() and 1 <= int(wanted) <= MAX_VERSION:
        version = submitted_version(report, int(wanted)) or abort(404)
    else:
        abort(404)
    lang = _language(version.language)
    label = f"v{version.submission.version_no}" if version.submission else "draft"
    filename = f"{report.party.iso3}-{report.cycle.code}-{label}-{lang}.pdf"
    data = render_report(version, lang)
    _audit("download.report_pdf", report, version=label, language=lang)
    return _pdf(data, filename)


@bp.get(
    f"/reports/<int(min=1, max={MAX_ID}):report_id>"
    f"/versions/<int(min=1, max={MAX_VERSION}):version_no>/receipt.pdf"
)
@login_required
def receipt_pdf(report_id: int, version_no: int):
    report = _viewable_report(report_id)
    submission = submission_of(report, version_no)
    if submission is None:
        abort(404)
    lang = _language(submission.language)
    filename = f"{report.party.iso3}-{report.cycle.code}-v{version_no}-receipt-{lang}.pdf"
    data = render_receipt(submission, lang)
    _audit("download.receipt_pdf", report, version=f"v{version_no}", language=lang)
    return _pdf(data, filename)


@bp.get("/cycles/<string(maxlength=32):code>/questionnaire.pdf")
def blank_questionnaire(code: str):
    """Public: the questionnaire is no secret, and people print it before they log in."""
    cycle = db.session.scalars(select(ReportingCycle).where(ReportingCycle.code == code)).first()
    if cycle is None:
        abort(404)
    lang = _language(str(get_locale() or "en"))
    return _pdf(render_questionnaire(cycle, lang), f"questionnaire-{cycle.code}-{lang}.pdf")
