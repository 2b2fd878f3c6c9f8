"""The XLSX writer: one sheet per dataset, frozen bold header, typed cells.

xlsxwriter in `constant_memory` mode writes each row to a temporary file as soon as the
next row starts, so memory stays flat however many rows there are. Strings are never
turned into formulas, numbers or links (a value starting with "=" stays text). Numbers
are numbers, dates are dates (yyyy-mm-dd), submission times are UTC date-times. A sheet
that would pass Excel's 1,048,576-row limit continues on a sheet named "... (2)".
"""
from __future__ import annotations

import re
import tempfile
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Iterator, Sequence

import xlsxwriter

from .writers import CHUNK_SIZE, Dataset

MAX_ROWS = 1_048_576
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_names(names: Sequence[str]) -> list[str]:
    """Excel sheet names (31 characters at most, unique, no []:*?/\\) for dataset names."""
    out: list[str] = []
    for name in names:
        base = _BAD_SHEET_CHARS.sub("_", name)[:31]
        candidate, n = base, 1
        while candidate.lower() in (o.lower() for o in out):
            n += 1
            suffix = f"~{n}"
            candidate = base[:31 - len(suffix)] + suffix
        out.append(candidate)
    return out


class _Sheets:
    def __init__(self, workbook, name: str, fields, header_format, max_rows: int):
        self.workbook, self.name, self.fields = workbook, name, fields
        self.header_format, self.max_rows = header_format, max_rows
        self.part = 0
        self._new_sheet()

    def _new_sheet(self):
        self.part += 1
        title = self.name if self.part == 1 else f"{self.name[:25]} ({self.part})"
        self.sheet = self.workbook.add_worksheet(title)
        self.sheet.freeze_panes(1, 0)
        for col, field in enumerate(self.fields):
            self.sheet.set_column(col, col, min(max(len(field.name) + 2, 10), 40))
        self.sheet.write_row(0, 0, [f.name for f in self.fields], self.header_format)
        self.row = 0

    def next_row(self) -> int:
        if self.row + 1 >= self.max_rows:
            self._new_sheet()
        self.row += 1
        return self.row


def write_xlsx(datasets: Sequence[Dataset], out, *, max_rows: int = MAX_ROWS) -> None:
    """Write the datasets, one sheet each, to `out` (a path or a seekable binary file)."""
    workbook = xlsxwriter.Workbook(out, {
        "constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
        "strings_to_urls": False, "remove_timezone": True,
    })
    header = workbook.add_format({"bold": True})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    moment = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    for dataset, name in zip(datasets, sheet_names([d.name for d in datasets])):
        sheets = _Sheets(workbook, name, dataset.fields, header, max_rows)
        names = [f.name for f in dataset.fields]
        for values in dataset.rows():
            row = sheets.next_row()
            sheet = sheets.sheet
            for col, key in enumerate(names):
                value = values.get(key)
                if value is None:
                    continue
                if isinstance(value, bool):
                    sheet.write_boolean(row, col, value)
                elif isinstance(value, (int, float, Decimal)):
                    sheet.write_number(row, col, float(value))
                elif isinstance(value, datetime):
                    sheet.write_datetime(row, col, value.astimezone(timezone.utc), moment)
                elif isinstance(value, date):
                    sheet.write_datetime(row, col, value, day)
                else:
                    sheet.write_string(row, col, str(value))
    workbook.close()


def xlsx_chunks(datasets: Sequence[Dataset]) -> Iterator[bytes]:
    """The workbook as byte chunks: built in a temporary file (a zip is only complete at
    the end), then read back a chunk at a time."""
    with tempfile.TemporaryFile() as handle:
        write_xlsx(datasets, handle)
        handle.seek(0)
        while chunk := handle.read(CHUNK_SIZE):
            yield chunk
