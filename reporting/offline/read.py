"""Reading an uploaded offline workbook back into answers, as the web form would send them.

Nothing people see is trusted for finding things: the META sheet's signed token says which
report (or cycle, for a blank workbook) the workbook is for; sheets are found by the page
key in A1, rows by the question key in the hidden key column, a table's columns by the
hidden row of column keys (`reporting.offline.layout`). Renamed sheets, reordered rows and
rows added without a key therefore change nothing.

Values are read as what the web form's field would receive, in the workbook's language,
and then go through the answer kind's own `form_value`, so that a workbook answer and the
same answer typed in the browser are the same payload (and have the same fingerprint):
choices by their label or code, several choices separated by ";" or line breaks, numbers
typed as text with the language's decimal sign ("12,5" in French), dates as Excel dates,
serial numbers or text. Formula cells give the value Excel saved with them: nothing is
evaluated, and macros are never loaded.

Anything that is not a readable ORT workbook for this report raises `WorkbookRefused`
with a message for people; the size limits are checked before openpyxl reads a byte.
"""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from openpyxl import load_workbook

from ..models import Report
from ..questionnaire.definition import Format, Question
from ..questionnaire.kinds.table import Table
from . import layout
from .layout import Col
from .values import comment_text, form_data, state_code, stripped

log = logging.getLogger(__name__)

#: Defaults of the limits (the configuration may lower or raise them).
MAX_BYTES = 10 * 1024 * 1024  # ORT_OFFLINE_MAX_BYTES: the uploaded file
MAX_CELLS = 200_000  # ORT_OFFLINE_MAX_CELLS: cells of all sheets together
#: The most a workbook may unpack to, and the most one of its parts may be compressed
#: (a zip bomb unpacks a few kilobytes into gigabytes).
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100
#: Parts smaller than this may be compressed any amount (tiny, repetitive XML).
RATIO_FROM_BYTES = 1024 * 1024
MAX_PARTS = 2_000
#: Rows of one sheet.
MAX_ROWS = 50_000


class WorkbookRefused(Exception):
    """The workbook cannot be imported into this report; `message` says why, for people."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ReadAnswer:
    """One question's answer as the workbook gives it."""

    key: str
    #: {"state", "value", "comment"}: a save payload without `confidential`, which the
    #: workbook does not carry (the stored mark is kept).
    payload: dict
    #: The fingerprint of the answer when the workbook was downloaded (None: blank workbook).
    original: str | None


@dataclass
class Workbook:
    language: str
    #: Made for the report (False: a blank workbook of its cycle).
    for_report: bool
    answers: dict[str, ReadAnswer] = field(default_factory=dict)


def read_workbook(data: bytes, report: Report, fmt: Format) -> Workbook:
    """The answers of an uploaded workbook for `report`; raises `WorkbookRefused`."""
    _check_archive(data)
    book = _open(data)
    try:
        _check_cells(book)
        meta = _meta(book)
        for_report = _check_token(meta, report)
        language = str(meta.get("language") or "")
        if language not in current_app.config["ORT_LANGUAGES"]:
            language = current_app.config["BABEL_DEFAULT_LOCALE"]
        workbook = Workbook(language=language, for_report=for_report)
        with force_locale(language):
            _read_sheets(book, report, fmt, workbook)
        return workbook
    finally:
        book.close()


# -- refusals before reading ------------------------------------------------------------


def _not_xlsx() -> WorkbookRefused:
    return WorkbookRefused(
        _(
            "This file is not an Excel workbook (.xlsx), or it is damaged. Upload the workbook downloaded from ORT."
        )
    )


def _too_big() -> WorkbookRefused:
    return WorkbookRefused(
        _(
            "This workbook is too big to import (at most %(size)s MB, %(cells)d cells).",
            size=current_app.config.get("ORT_OFFLINE_MAX_BYTES", MAX_BYTES) // (1024 * 1024),
            cells=current_app.config.get("ORT_OFFLINE_MAX_CELLS", MAX_CELLS),
        )
    )


def _check_archive(data: bytes) -> None:
    """Size and zip-bomb checks on the archive's directory, before anything is unpacked."""
    if len(data) > current_app.config.get("ORT_OFFLINE_MAX_BYTES", MAX_BYTES):
        raise _too_big()
    if not data.startswith(b"PK"):
        raise _not_xlsx()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            names = {part.filename for part in parts}
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise _not_xlsx()
            if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNPACKED_BYTES:
                raise _too_big()
            for part in parts:
                if part.file_size > RATIO_FROM_BYTES and part.file_size > MAX_RATIO * max(
                    part.compress_size, 1
                ):
                    raise _too_big()
            # Unpacks every part (within the sizes just checked): finds truncated or
            # damaged parts before openpyxl does.
            if archive.testzip() is not None:
                raise _not_xlsx()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        raise _not_xlsx() from None
    except (NotImplementedError, RuntimeError):  # an unknown compression, an encrypted part
        raise _not_xlsx() from None


def _open(data: bytes):
    try:
        return load_workbook(
            io.BytesIO(data), data_only=True, keep_vba=False, keep_links=False, rich_text=False
        )
    except Exception as exc:  # openpyxl raises almost any type on malformed parts
        log.info("an uploaded workbook could not be read: %s", type(exc).__name__)
        raise _not_xlsx() from None


def _check_cells(book) -> None:
    limit = current_app.config.get("ORT_OFFLINE_MAX_CELLS", MAX_CELLS)
    cells = 0
    for sheet in book.worksheets:
        if sheet.max_row > MAX_ROWS:
            raise _too_big()
        cells += len(sheet._cells)  # the cells the file holds (not its bounding box)
        if cells > limit:
            raise _too_big()


# -- which report the workbook is for -------------------------------------------------


def _not_ours() -> WorkbookRefused:
    return WorkbookRefused(
        _(
            "This workbook was not downloaded from ORT (or its hidden sheet was removed). "
            "Download the report's workbook from its offline page and fill that one in."
        )
    )


def _meta(book) -> dict:
    """The META sheet's fields; the sheet is found by name, or by its marker if renamed."""
    sheets = [book[layout.META_SHEET]] if layout.META_SHEET in book.sheetnames else []
    sheets += [s for s in book.worksheets if s.title != layout.META_SHEET]
    for sheet in sheets:
        rows = sheet.iter_rows(min_row=1, max_row=len(layout.META_FIELDS) + 10, max_col=2)
        meta = {
            str(name.value).strip(): value.value
            for name, value in (row for row in rows if len(row) == 2)
            if name.value is not None
        }
        if meta.get("marker") == layout.MARKER:
            return meta
    raise _not_ours()


def _check_token(meta: dict, report: Report) -> bool:
    """Is the workbook this report's (True) or a blank one of its cycle (False)? Refuses
    any other; only the signed token is trusted, never the visible fields."""
    if stripped(meta.get("layout")) != str(layout.LAYOUT_VERSION):
        raise _other_version()
    facts = layout.verify(stripped(meta.get("token")) or "")
    if facts is None:
        raise WorkbookRefused(
            _(
                "This workbook's hidden data was changed, or it comes from another ORT "
                "installation: it cannot be imported. Download the workbook again."
            )
        )
    if facts.get("l") != layout.LAYOUT_VERSION:
        raise _other_version()
    party = facts.get("p")
    if party is not None and party != report.party.iso3:
        raise WorkbookRefused(
            _("This workbook is another Party's report: it cannot be imported into this one.")
        )
    if facts.get("r") is not None and facts.get("r") != report.id:
        raise WorkbookRefused(
            _(
                "This workbook is another report of your Party (another cycle or report): "
                "import it into that report, or download this report's workbook."
            )
        )
    if facts.get("c") != report.cycle.code:
        raise WorkbookRefused(
            _("This workbook is for another reporting cycle: it cannot be imported here.")
        )
    if facts.get("v") != report.cycle.format_version:
        raise _other_version()
    return facts.get("r") is not None


def _other_version() -> WorkbookRefused:
    return WorkbookRefused(
        _(
            "This workbook was made for another version of the reporting format. "
            "Download the workbook again and copy your answers into it."
        )
    )


# -- the answers ------------------------------------------------------------------------


def page_keys(fmt: Format, kind: str | None) -> set[str]:
    """The keys a question sheet may carry in A1: its page, a part or an article."""
    keys = set()
    for part, sections in fmt.contents(kind):
        keys.add(part.key)
        keys.update(section.key for section, _questions in sections)
    return keys


def _read_sheets(book, report: Report, fmt: Format, workbook: Workbook) -> None:
    kind = report.cycle.kind
    pages = page_keys(fmt, kind)
    asked = {q.key: q for q in fmt.iter_questions(kind)}
    for sheet in book.worksheets:
        if stripped(sheet[layout.PAGE_KEY_CELL].value) not in pages:
            continue
        # Merged cells: the range's value is its top-left cell's (the others read None).
        rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=layout.FIRST_ROW)]
        tables: dict[str, _TableRows] = {}
        current: str | None = None  # the table whose rows are being read
        pending: list[list] = []  # rows without a key since its last row
        for row in rows:
            row = row + [None] * (Col.ORIGINAL - len(row))
            key_cell = stripped(row[Col.KEY - 1])
            if key_cell is None:
                # A row inserted inside a table (Excel gives it no key) belongs to it if
                # more of its rows follow; other rows without a key are ignored.
                if current is not None and any(v not in (None, "") for v in row[1:]):
                    pending.append(row)
                continue
            key, part = layout.split_row_key(key_cell)
            q = asked.get(key)
            inside = part not in (None, "header", "columns") and key == current
            if inside:
                tables[key].rows.extend(pending)
            pending = []
            current = None
            if q is None or q.kind.attachment:
                continue  # unknown keys, and files (uploaded on the web page only)
            if part is None:
                if q.kind.tabular:
                    tables.setdefault(key, _TableRows()).question_row = row
                else:
                    workbook.answers[key] = ReadAnswer(key, _answer(q, row), _original(row))
                continue
            if not q.kind.tabular:
                continue
            table = tables.setdefault(key, _TableRows())
            current = key
            if part == "columns":
                table.columns = [stripped(v) for v in row[Col.FIRST_CELL - 1 :]]
            elif part != "header":
                table.rows.append(row)
        for key, table in tables.items():
            q = asked[key]
            if table.question_row is not None:
                workbook.answers[key] = ReadAnswer(
                    key, _table_answer(q, table), _original(table.question_row)
                )


@dataclass
class _TableRows:
    question_row: list | None = None
    columns: list[str | None] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)


def _original(row: list) -> str | None:
    return stripped(row[Col.ORIGINAL - 1])


def _answer(q: Question, row: list) -> dict:
    return {
        "state": state_code(q, row[Col.STATE - 1]),
        "value": q.kind.form_value(q, form_data(q, row[Col.ANSWER - 1])),
        "comment": comment_text(row[Col.COMMENT - 1]),
    }


def _table_answer(q: Question, table: _TableRows) -> dict:
    columns = {}  # the sheet's column (from B) -> the table's column, by the hidden keys
    for index, key in enumerate(table.columns):
        column = q.column(key) if key else None
        if column is not None:
            columns[index] = column
    data = []
    for row in table.rows:
        cells = row[Col.FIRST_CELL - 1 :]
        data.append(
            {
                Table.cell_name(column.key): form_data(
                    column, cells[index] if index < len(cells) else None
                )
                for index, column in columns.items()
            }
        )
    row = table.question_row or []
    return {
        "state": state_code(q, row[Col.STATE - 1]),
        "value": q.kind.form_value(q, data),
        "comment": comment_text(row[Col.COMMENT - 1]),
    }
