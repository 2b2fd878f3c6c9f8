"""Small helpers shared by the secretariat's views."""

from __future__ import annotations

from flask import Response, abort
from sqlalchemy import select

from ...extensions import db
from ...models import Report, ReportingCycle

#: Largest id accepted in URLs (the database's integer), see STACK-NOTES.
MAX_ID = 2_147_483_647


def cycle_or_404(code: str) -> ReportingCycle:
    cycle = db.session.scalars(select(ReportingCycle).where(ReportingCycle.code == code)).first()
    if cycle is None:
        abort(404)
    return cycle


def report_or_404(report_id: int) -> Report:
    return db.get_or_404(Report, report_id)


def csv_response(text: str, filename: str) -> Response:
    return Response(
        text.encode("utf-8"),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
