"""Reporting formats (admins): the formats and versions, each as a workbook to download,
and the import of an edited workbook: upload -> errors or the changes -> confirm."""

from __future__ import annotations

import yaml
from flask import Response, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select

from forms.formats import FormatConfirmForm, FormatUploadForm

from ...extensions import db
from ...models import FormatVersion, ReportingCycle
from ...policy import can
from ...questionnaire.registry import format_raw, get_format, list_formats
from ...questionnaire.workbook import VersionExists, WorkbookInvalid, export_workbook
from ...questionnaire.workbook.read import MOST_BYTES, WorkbookFormat, read_workbook
from ...questionnaire.workbook.store import (
    changes_of,
    current_catalogs,
    new_translations,
    store_version,
)
from ...questionnaire.workbook.write import format_yaml
from . import bp

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: How long a checked workbook may wait for its confirmation.
CONFIRM_SECONDS = 3600


def _allowed():
    if not can(current_user, "formats.manage"):
        abort(403)


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="format-import")


def _versions():
    cycles: dict = {}
    for c in db.session.scalars(select(ReportingCycle).order_by(ReportingCycle.year)):
        cycles.setdefault((c.format_id, c.format_version), []).append(c.code)
    stored = {(r.format_id, r.version): r for r in db.session.scalars(select(FormatVersion))}
    return [
        {
            "format": fmt,
            "cycles": cycles.get((fmt.id, fmt.version), []),
            "stored": stored.get((fmt.id, fmt.version)),
        }
        for fmt in sorted(list_formats(), key=lambda f: (f.id, f.version))
    ]


def _page(upload=None, errors=None):
    return render_template(
        "secretariat/formats.html",
        versions=_versions(),
        form=upload or FormatUploadForm(),
        errors=errors or [],
    )


@bp.get("/formats")
def formats():
    _allowed()
    return _page()


@bp.get("/formats/<string(maxlength=50):format_id>/<string(maxlength=30):version>.xlsx")
def format_workbook(format_id, version):
    _allowed()
    try:
        fmt = get_format(format_id, version)
    except LookupError:
        abort(404)
    data = export_workbook(format_raw(fmt), current_catalogs())
    return Response(
        data,
        mimetype=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{fmt.id}-{fmt.version}.xlsx"'},
    )


@bp.post("/formats/import")
def format_import():
    _allowed()
    form = FormatUploadForm()
    if not form.validate_on_submit():
        return _page(form)
    data = form.workbook.data.read(MOST_BYTES + 1)
    catalogs = current_catalogs()
    try:
        workbook = read_workbook(data, catalogs)
    except WorkbookInvalid as exc:
        return _page(form, exc.errors)
    current, changes = changes_of(workbook, catalogs)
    exists = _exists(workbook)
    # Only what the catalogs do not already say travels (and is stored).
    payload = _signer().dumps(
        {"source": format_yaml(workbook.raw), "translations": new_translations(workbook, catalogs)}
    )
    return render_template(
        "secretariat/format_preview.html",
        workbook=workbook,
        current=current,
        changes=changes,
        exists=exists,
        confirm=FormatConfirmForm(payload=payload),
    )


def _exists(workbook) -> bool:
    try:
        get_format(workbook.id, workbook.version)
    except LookupError:
        return False
    return True


@bp.post("/formats/confirm")
def format_confirm():
    _allowed()
    form = FormatConfirmForm()
    if not form.validate_on_submit():
        flash(_("Upload the workbook again: its check was not found."), "error")
        return redirect(url_for("secretariat.formats"), 303)
    try:
        content = _signer().loads(form.payload.data, max_age=CONFIRM_SECONDS)
    except BadSignature:
        flash(_("Upload the workbook again: its check has expired or was altered."), "error")
        return redirect(url_for("secretariat.formats"), 303)
    workbook = WorkbookFormat(yaml.safe_load(content["source"]), content["translations"])
    try:
        row = store_version(workbook, current_user, current_catalogs())
    except VersionExists as exc:
        flash(str(exc), "error")
        return redirect(url_for("secretariat.formats"), 303)
    db.session.commit()
    flash(
        _(
            "Version %(version)s of %(id)s is stored; new cycles can use it.",
            version=row.version,
            id=row.format_id,
        ),
        "success",
    )
    return redirect(url_for("secretariat.formats"), 303)


@bp.app_template_global()
def can_manage_formats() -> bool:
    """Whether the menu offers "Reporting formats" (`formats.manage`)."""
    return can(current_user, "formats.manage")
