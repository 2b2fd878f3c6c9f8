"""Open data: every published cycle's files (long, wide and codebook CSVs, an XLSX workbook,
a data package), how to cite them and under which licence; and the files themselves.

The files are the exports of `reporting.exports` with the `published` audience, in the
page's language: the same bytes the API's read:published token gets. They are streamed as
they are made (never stored) with the ETag of the publication state, so an unchanged file
is a 304. Public data: anonymous downloads are not written to the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from flask import Response, abort, render_template, stream_with_context
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ...exports import ExportFilters, FilterError, export_stream
from ...extensions import db
from ...models import Report, ReportingCycle
from .. import bp
from ..cache import cached, conditional
from ..selection import language, published_cycles
from ..templating import licence

#: The pseudo cycle code of the files that hold every published cycle.
ALL_CYCLES = "all"


class OpenDataFile(NamedTuple):
    shape: str
    file_format: str
    label: object


#: The files of a cycle, by the name in their URL.
FILES = {
    "long.csv": OpenDataFile("long", "csv", _l("Long CSV")),
    "wide.csv": OpenDataFile("wide", "csv", _l("Wide CSV")),
    "codebook.csv": OpenDataFile("codebook", "csv", _l("Codebook CSV")),
    "data.xlsx": OpenDataFile("wide", "xlsx", _l("XLSX workbook")),
    "datapackage.zip": OpenDataFile("datapackage", "csv", _l("Data package (zip)")),
}


@dataclass(frozen=True)
class Published:
    """A cycle's published reports, as the page lists them (`code` "all": every cycle)."""

    code: str
    cycle: ReportingCycle | None
    reports: int
    latest: datetime


def _published() -> list[Published]:
    """Each cycle with published reports (oldest first): how many, and the latest
    publication (an ended embargo's end counts as the report's publication)."""
    counts = {
        cycle_id: (n, latest)
        for cycle_id, n, latest in db.session.execute(
            select(Report.cycle_id, func.count(Report.id), func.max(Report.publish_after))
            .where(Report.published_clause())
            .group_by(Report.cycle_id)
        )
    }
    return [Published(c.code, c, *counts[c.id]) for c in published_cycles() if c.id in counts]


def _all_cycles(rows: list[Published]) -> Published | None:
    """The files of every published cycle in one (offered once there are two cycles)."""
    if len(rows) < 2:
        return None
    return Published(ALL_CYCLES, None, sum(r.reports for r in rows), max(r.latest for r in rows))


def filename(code: str, name: str) -> str:
    """`ort-minamata-2025-full-published-long-en.csv`: cycle, file and language."""
    stem, extension = name.rsplit(".", 1)
    scope = "all-cycles" if code == ALL_CYCLES else code
    return f"ort-minamata-{scope}-published-{stem}-{language()}.{extension}"


@bp.get("/<lang>/open-data")
def open_data():
    def render():
        rows = _published()
        return render_template(
            "public/open_data.html",
            rows=rows,
            every=_all_cycles(rows),
            files=FILES,
            licence=licence(),
        )

    return cached(render)


@bp.get("/<lang>/open-data/<string(maxlength=32):code>/<string(maxlength=40):name>")
def open_data_file(code, name):
    """One published file of a cycle (or of every cycle), streamed."""
    spec = FILES.get(name)
    if spec is None:
        abort(404)
    rows = _published()
    if code == ALL_CYCLES:
        row = _all_cycles(rows)
        codes = [r.code for r in rows]
    else:
        row = next((r for r in rows if r.code == code), None)
        codes = [code]
    if row is None:
        abort(404)

    def stream() -> Response:
        try:
            export = export_stream(
                spec.shape,
                spec.file_format,
                ExportFilters(audience="published", cycles=codes, language=language()),
            )
        except FilterError:
            abort(404)
        disposition = f'attachment; filename="{filename(code, name)}"'
        return Response(
            stream_with_context(export.chunks),
            mimetype=export.media_type,
            headers={"Content-Disposition": disposition},
        )

    return conditional(stream)
