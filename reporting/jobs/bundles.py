"""Bundles as jobs: one report's download (its XLSX and its attachments in a zip) and the
PDFs of every submitted report of a cycle in one zip. The XLSX is the long export of
that report (`reporting.exports`), the PDFs those of `reporting.pdf`."""

from __future__ import annotations

import tempfile
import zipfile
from typing import BinaryIO

from flask_babel import gettext as _
from sqlalchemy import select

from ..attachments import attachment_path
from ..exports import ExportFilters, export_stream
from ..extensions import db
from ..models import Attachment, Report, ReportingCycle, ReportStatus
from ..pdf.report import latest_version, render_report
from .engine import JobError, Progress, runner

REPORT_BUNDLE = "report_bundle"
CYCLE_PDFS = "cycle_pdfs"
#: Reports whose PDFs a cycle's bundle holds.
SUBMITTED = (ReportStatus.submitted, ReportStatus.accepted)


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:120] or "file"


@runner(REPORT_BUNDLE)
def report_bundle(parameters: dict, out: BinaryIO, progress: Progress) -> str:
    """report.xlsx (its answers, confidential ones marked) and attachments/…"""
    report = db.session.get(Report, parameters["report_id"])
    if report is None:
        raise JobError(_("This report no longer exists."))
    status = report.status.value
    filters = ExportFilters(
        cycles=(report.cycle.code,),
        parties=(report.party.iso3,),
        statuses=(status,),
        include_confidential=True,
        include_drafts=status not in ("submitted", "accepted"),
        language=parameters.get("language", "en"),
    )
    export = export_stream("long", "xlsx", filters, on_row=progress.add)
    attachments = db.session.scalars(
        select(Attachment).where(Attachment.report_id == report.id).order_by(Attachment.id)
    ).all()
    stem = f"ort-{report.party.iso3}-{report.cycle.code}"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        with tempfile.TemporaryFile() as xlsx:
            for chunk in export.chunks:
                xlsx.write(chunk)
            xlsx.seek(0)
            with bundle.open(f"{stem}.xlsx", "w") as entry:
                while chunk := xlsx.read(64 * 1024):
                    entry.write(chunk)
        seen: set[str] = set()
        for attachment in attachments:
            name = _safe(attachment.filename)
            if name in seen:
                name = f"{attachment.id}-{name}"
            seen.add(name)
            path = attachment_path(attachment.sha256)
            if path.exists():
                bundle.write(path, f"attachments/{name}")
    progress.flush()
    return f"{stem}.zip"


@runner(CYCLE_PDFS)
def cycle_pdfs(parameters: dict, out: BinaryIO, progress: Progress) -> str:
    """One PDF per submitted or accepted report of the cycle (its latest version)."""
    cycle = db.session.scalars(
        select(ReportingCycle).where(ReportingCycle.code == parameters["cycle"])
    ).first()
    if cycle is None:
        raise JobError(_("Unknown reporting cycle: %(value)s.", value=parameters["cycle"]))
    lang = parameters.get("language", "en")
    ids = db.session.scalars(
        select(Report.id)
        .where(Report.cycle_id == cycle.id, Report.status.in_(SUBMITTED))
        .order_by(Report.id)
    ).all()
    progress.set_total(len(ids))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        for report_id in ids:
            report = db.session.get(Report, report_id)
            if report is None:
                raise JobError(_("This report no longer exists."))
            pdf = render_report(latest_version(report), lang)
            bundle.writestr(f"ort-{report.party.iso3}-{cycle.code}.pdf", pdf)
            db.session.expunge_all()  # one report in memory at a time
            progress.add()
    progress.flush()
    return f"ort-{cycle.code}-reports.zip"
