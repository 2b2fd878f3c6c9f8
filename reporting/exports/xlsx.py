"""The XLSX writer: one sheet per dataset, frozen bold header, typed cells.

openpyxl in write-only mode streams each row of a sheet to a temporary file as it is
appended (strings inline, no shared-string table), so memory stays flat however many rows
there are. Strings are never turned into formulas, error values or links (a value starting
with "=" stays text). Numbers are numbers, dates are dates (yyyy-mm-dd), submission times
are UTC date-times. A sheet that would pass Excel's 1,048,576-row limit continues on a
sheet named "... (2)".
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .writers import CHUNK_SIZE, Dataset

MAX_ROWS = 1_048_576
#: Most characters a cell holds (Excel's limit); longer text is cut.
MAX_TEXT = 32_767
DAY_FORMAT = "yyyy-mm-dd"
MOMENT_FORMAT = "yyyy-mm-dd hh:mm:ss"
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_HEADER_FONT = Font(bold=True)


def sheet_names(names: Sequence[str]) -> list[str]:
    """Excel sheet names (31 characters at most, unique, no []:*?/\\) for dataset names."""
    out: list[str] = []
    for name in names:
        base = _BAD_SHEET_CHARS.sub("_", name)[:31]
        candidate, n = base, 1
        while candidate.lower() in (o.lower() for o in out):
            n += 1
            suffix = f"~{n}"
            candidate = base[: 31 - len(suffix)] + suffix
        out.append(candidate)
    return out


class _Sheets:
    def __init__(self, workbook: Workbook, name: str, fields, max_rows: int):
        self.workbook, self.name, self.fields, self.max_rows = workbook, name, fields, max_rows
        self.part = 0
        self._new_sheet()

    def _new_sheet(self):
        self.part += 1
        title = self.name if self.part == 1 else f"{self.name[:25]} ({self.part})"
        self.sheet = self.workbook.create_sheet(title)
        self.sheet.freeze_panes = "A2"
        for col, field in enumerate(self.fields, 1):
            width = min(max(len(field.name) + 2, 10), 40)
            self.sheet.column_dimensions[get_column_letter(col)].width = width
        header = []
        for field in self.fields:
            cell = text_cell(self.sheet, field.name)
            cell.font = _HEADER_FONT
            header.append(cell)
        self.sheet.append(header)
        self.row = 0

    def append(self, values: list) -> None:
        if self.row + 1 >= self.max_rows:
            self._new_sheet()
        self.row += 1
        self.sheet.append([_cell(self.sheet, value) for value in values])


def text_cell(sheet, value: str) -> WriteOnlyCell:
    """A cell holding `value` as text, whatever it looks like ("=SUM(A1)", "#N/A").

    Control characters a worksheet cannot hold are written as Excel's `_xHHHH_` escapes,
    which Excel shows as the characters themselves."""
    value = ILLEGAL_CHARACTERS_RE.sub(lambda m: f"_x{ord(m.group()):04X}_", value)[:MAX_TEXT]
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def _cell(sheet, value):
    """What a sheet row holds for `value`: the value itself where openpyxl types it as we
    want, else a cell with its type or number format."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime):
        moment = value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
        cell = WriteOnlyCell(sheet, value=moment)
        cell.number_format = MOMENT_FORMAT
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DAY_FORMAT
        return cell
    text = str(value)
    if (
        text.startswith("=")
        or text in ERROR_CODES
        or ILLEGAL_CHARACTERS_RE.search(text)
        or len(text) > MAX_TEXT
    ):
        return text_cell(sheet, text)
    return text


def write_xlsx(datasets: Sequence[Dataset], out, *, max_rows: int = MAX_ROWS) -> None:
    """Write the datasets, one sheet each, to `out` (a path or a seekable binary file)."""
    workbook = Workbook(write_only=True)
    for dataset, name in zip(datasets, sheet_names([d.name for d in datasets])):
        sheets = _Sheets(workbook, name, dataset.fields, max_rows)
        names = [f.name for f in dataset.fields]
        for values in dataset.rows():
            sheets.append([values.get(key) for key in names])
    workbook.save(out)


def xlsx_chunks(datasets: Sequence[Dataset]) -> Iterator[bytes]:
    """The workbook as byte chunks: built in a temporary file (a zip is only complete at
    the end), then read back a chunk at a time."""
    with tempfile.TemporaryFile() as handle:
        write_xlsx(datasets, handle)
        handle.seek(0)
        while chunk := handle.read(CHUNK_SIZE):
            yield chunk
