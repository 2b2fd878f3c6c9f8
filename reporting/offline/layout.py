"""Where things are in a report's offline workbook: the one contract between the writer
(`offline.write`) and the reader (`offline.read`).

The reader never relies on what people see and change (sheet names, row order, the text
of questions): every sheet, row and table is found by the hidden keys written here.

- A hidden sheet `META_SHEET` holds one `name | value` pair per row (`META_FIELDS`), among
  them a signed `token` (`sign` / `verify`) that says which report (or, for a blank
  workbook, which cycle), Party and format version the workbook was made for.
- Every question sheet has its page key in cell `PAGE_KEY_CELL` (column A is hidden).
- On a question sheet, a question's row has its key in column `Col.KEY` (hidden) and the
  fingerprint of the answer as downloaded in `Col.ORIGINAL` (hidden): the reader compares
  it with the answer now stored, as the web page does, to find edits made meanwhile.
- A table question's rows follow its question row: a hidden row whose `Col.KEY` cell is
  `column_key_row(key)` and whose cells from `Col.FIRST_CELL` on hold the table's column
  keys (in the order of the question's columns); then the visible header row
  (`table_header_key(key)`, the columns' labels: the header of an Excel table); then one
  row per table row, `table_row_key(key, n)`, with the cells under their columns. Empty
  rows are left for new entries; the reader skips rows whose cells are all empty.
"""

from __future__ import annotations

from enum import IntEnum

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

#: Written in the META sheet's first row, so that a workbook is known as ORT's.
MARKER = "ORT offline workbook"
#: Bumped when the layout changes in a way older readers cannot take.
LAYOUT_VERSION = 1
#: The hidden sheet of facts about the workbook.
META_SHEET = "_ort"
#: The fields of the META sheet, one per row (column A name, column B value), in order.
META_FIELDS = (
    "marker",  # MARKER
    "layout",  # LAYOUT_VERSION
    "token",  # sign(...): report id / cycle, Party, format version
    "report",  # report id, "" for a blank workbook
    "party",  # ISO3 code, "" for a blank workbook
    "cycle",  # cycle code
    "format",  # format id
    "version",  # format version
    "lock_version",  # the report's lock_version when downloaded
    "language",  # the language the workbook was written in
    "pages",  # the page keys included, space-separated (a ministry's part)
    "generated",  # ISO 8601 time of download (UTC)
)
#: The cell of a question sheet that holds its page key.
PAGE_KEY_CELL = "A1"
#: The first row of questions on a question sheet (rows above: key, title, headings).
FIRST_ROW = 4


class Col(IntEnum):
    """The columns of a question sheet (1-based, as openpyxl counts)."""

    KEY = 1  # hidden: question key, or a table's header/row key
    NUMBER = 2  # the question's number
    QUESTION = 3  # its text (or the table column's label on a header row)
    HELP = 4  # help text
    UNIT = 5  # unit of a number
    STATE = 6  # answer state: a value, or not applicable / none / not available
    ANSWER = 7  # the answer (the only cells open for editing, with STATE and COMMENT)
    COMMENT = 8  # a comment on the answer
    ORIGINAL = 9  # hidden: fingerprint of the answer as downloaded
    FIRST_CELL = 2  # a table row's first cell (table rows reuse the columns from B on)


def table_header_key(question_key: str) -> str:
    return f"{question_key}#header"


def column_key_row(question_key: str) -> str:
    return f"{question_key}#columns"


def table_row_key(question_key: str, index: int) -> str:
    """`index` counts from 1."""
    return f"{question_key}#{index}"


def split_row_key(value: str) -> tuple[str, str | None]:
    """(question key, None) for a question row; (question key, "header" | "columns" | n)
    for the rows of a table."""
    key, _, rest = value.partition("#")
    return key, (rest or None)


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="ort-offline-workbook")


def sign(*, report_id: int | None, cycle: str, party: str | None, version: str) -> str:
    """A token that only this ORT instance can make: it names what the workbook is for."""
    return _serializer().dumps(
        {"r": report_id, "c": cycle, "p": party, "v": version, "l": LAYOUT_VERSION}
    )


def verify(token: str) -> dict | None:
    """The facts signed in `token` (keys r, c, p, v, l), or None if not ours or altered."""
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return None
    return data if isinstance(data, dict) else None
