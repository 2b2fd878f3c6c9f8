"""Uploading a report's filled-in offline workbook: the preview of its changes, then their
confirmation. Nothing is kept between the two requests but the signed preview in the
confirmation form (several hosts serve the app); the work is in `reporting.offline`."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from forms.offline import ConfirmImportForm, UploadWorkbookForm

from ..extensions import db
from ..models import Report
from ..offline.apply import ConcurrentImport, NotEditable, PreviewChanged, apply_changes
from ..offline.preview import Change, PreviewInvalid, compare, incoming_answers, sign, unsign
from ..offline.read import MAX_BYTES, WorkbookRefused, read_workbook
from .common import optional_url, report_context, report_for
from .report_blueprint import REPORT, bp


def _upload_page(report: Report) -> str:
    """The report's offline page (its upload form), or its overview."""
    return optional_url("reports.offline", report_id=report.id) or url_for(
        "reports.overview", report_id=report.id
    )


def _refused(report: Report, message: str):
    flash(message, "error")
    return redirect(_upload_page(report), code=303)


def _preview(report: Report, changes: list[Change], status: int = 200, take=()):
    form = ConfirmImportForm(formdata=None, changes=sign(report, current_user, changes))
    body = render_template(
        "reports/offline_preview.html",
        report=report,
        changes=changes,
        form=form,
        take=set(take),
        upload_page=_upload_page(report),
    )
    return body, status


@bp.post(f"{REPORT}/offline/upload")
def offline_upload(report_id):
    report = report_for(report_id, "report.edit")
    fmt, _kind, _pages = report_context(report)
    form = UploadWorkbookForm()
    if not form.validate_on_submit():
        return _refused(report, _("Choose the workbook (.xlsx) to upload."))
    limit = current_app.config.get("ORT_OFFLINE_MAX_BYTES", MAX_BYTES)
    data = form.workbook.data.read(limit + 1)
    try:
        workbook = read_workbook(data, report, fmt)
    except WorkbookRefused as exc:
        return _refused(report, exc.message)
    return _preview(report, compare(report, fmt, incoming_answers(workbook.answers)))


@bp.post(f"{REPORT}/offline/apply")
def offline_apply(report_id):
    report = report_for(report_id, "report.edit")
    fmt, _kind, _pages = report_context(report)
    form = ConfirmImportForm()
    stale = _("This preview can no longer be confirmed: upload the workbook again.")
    if not form.validate_on_submit():
        return _refused(report, stale)
    try:
        incoming, seen = unsign(form.changes.data, report, current_user, fmt)
    except PreviewInvalid:
        return _refused(report, stale)
    take = set(request.form.getlist("take"))
    try:
        saved = apply_changes(report, fmt, incoming, seen, current_user, take=take)
        db.session.commit()
    except PreviewChanged as exc:
        db.session.rollback()
        flash(
            _(
                "Someone changed some of these answers since the preview. Nothing was saved: "
                "check the changes again and confirm."
            ),
            "error",
        )
        return _preview(report_for(report_id, "report.edit"), exc.changes, status=409)
    except (ConcurrentImport, StaleDataError):
        db.session.rollback()
        report = report_for(report_id, "report.edit")
        flash(
            _(
                "Someone else saved this report at the same moment. Nothing was saved: "
                "check the changes again and confirm."
            ),
            "error",
        )
        return _preview(report, compare(report, fmt, incoming), status=409)
    except NotEditable:
        return _refused(report, _("This report can no longer be changed."))
    flash(
        ngettext(
            "%(num)d answer saved from the workbook.",
            "%(num)d answers saved from the workbook.",
            len(saved),
        ),
        "success",
    )
    return redirect(url_for("reports.overview", report_id=report.id), code=303)
