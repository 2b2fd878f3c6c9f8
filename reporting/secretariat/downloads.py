"""CSV downloads of the secretariat's tables: the cycle's Party list and charts' numbers.

Plain RFC 4180 CSV in UTF-8 (the csv module, CRLF line ends), codes rather than
translated labels in coded columns so that scripts can rely on them. Cells go through
the exports' `csv_cell`, so formula injection is neutralised as in every other CSV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from ..exports import csv_row
from ..models import ReportingCycle
from .dashboard import PartyRow

PARTY_COLUMNS = (
    "iso3",
    "party",
    "regional_group",
    "cycle",
    "status",
    "versions",
    "first_submitted_at",
    "last_submitted_at",
    "due_date",
    "timeliness",
    "last_activity",
)


def _iso(moment) -> str:
    return moment.isoformat() if moment is not None else ""


def to_csv(header: Sequence[str], rows: Iterable[Sequence]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(csv_row(header))
    writer.writerows(csv_row(row) for row in rows)
    return buffer.getvalue()


def party_rows_csv(cycle: ReportingCycle, rows: list[PartyRow]) -> str:
    return to_csv(
        PARTY_COLUMNS,
        (
            (
                r.iso3,
                r.name,
                r.region,
                cycle.code,
                r.status,
                r.versions,
                _iso(r.first_submitted_at),
                _iso(r.last_submitted_at),
                cycle.due_date.isoformat(),
                r.timeliness,
                _iso(r.last_activity),
            )
            for r in rows
        ),
    )
