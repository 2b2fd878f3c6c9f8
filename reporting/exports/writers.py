"""CSV and JSON writers: datasets in, bytes out, a chunk at a time.

Each writer is a generator of byte chunks (about CHUNK_SIZE each), so the same code
writes a file (`write_to`) and feeds a streaming HTTP response; nothing holds more
than one chunk. CSV is RFC 4180 (comma, double quotes doubled, CRLF line ends) in UTF-8
without a byte-order mark. JSON is one object: metadata, `fields` and the `rows` array.

Formula injection: every CSV cell of ORT goes through `csv_cell`, which neutralises text
a spreadsheet would run as a formula (`neutralise_formula`, the rule is documented there
and in docs/security.md). Typed values (numbers, dates, booleans) are never changed;
XLSX needs no prefix because its cells are typed strings (see `xlsx`).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from flask_babel import force_locale

from .fields import Field

CHUNK_SIZE = 64 * 1024


@dataclass(frozen=True)
class Dataset:
    """A table to write: a name (file, sheet, resource), its fields and its rows.

    `rows` is a callable so that a dataset can be read more than once (each call runs
    its query again and streams).
    """

    name: str
    fields: Sequence[Field]
    rows: Callable[[], Iterable[dict]]


def iso_datetime(value: datetime) -> str:
    """UTC, ISO 8601 with a Z (what Table Schema's datetime expects)."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def decimal_text(value: Decimal) -> str:
    """A decimal in plain notation without trailing zeros: 12.5, 0, 1500."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


#: What a spreadsheet program runs as a formula when it begins a cell (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: A plain number or telephone number ("-12.5", "+41 22 917 8111", "(022) 917-81.11"):
#: digits, spaces, brackets, dots and hyphens after an optional sign. No letter, colon,
#: "!" or "|", so no function, cell reference or DDE call can hide in it.
_NUMBER_LIKE = re.compile(r"[+-]?[0-9 ().-]*[0-9][0-9 ().-]*")


def neutralise_formula(text: str) -> str:
    """Text made safe to open in a spreadsheet, reversibly.

    Rule: a text cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return -- or
    with a single quote -- gets one single quote in front, unless the whole text is a plain
    number or telephone number (`_NUMBER_LIKE`), which stays as typed. Reading back: a
    cell that begins with a single quote lost its first character to this rule, and only
    to it (that is why a leading quote is doubled), so `text[1:]` is what was typed.
    """
    if text.startswith(FORMULA_STARTS) and not _NUMBER_LIKE.fullmatch(text):
        return "'" + text
    if text.startswith("'"):
        return "'" + text
    return text


def csv_cell(value) -> str:
    """The one way any CSV of ORT writes a value: typed values in their plain notation
    (never changed), text through `neutralise_formula`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, datetime):
        return iso_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return str(value)
    return neutralise_formula(str(value))


def csv_row(values: Iterable) -> list[str]:
    """`csv_cell` of every value of a row."""
    return [csv_cell(value) for value in values]


def json_value(value):
    """A JSON-ready value: decimals as numbers (integers when whole), dates as ISO text.

    JSON numbers are read as IEEE doubles by most parsers; the CSV keeps the exact decimal.
    """
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime):
        return iso_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def csv_chunks(dataset: Dataset) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    names = [f.name for f in dataset.fields]
    writer.writerow(names)
    for row in dataset.rows():
        writer.writerow(csv_row(row.get(name) for name in names))
        if buffer.tell() >= CHUNK_SIZE:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def json_chunks(
    dataset: Dataset, meta: dict | None = None, language: str = "en"
) -> Iterator[bytes]:
    with force_locale(language):  # field descriptions
        head = {**(meta or {}), "fields": [f.as_schema() for f in dataset.fields]}
    opening = json.dumps(head, ensure_ascii=False, default=json_value)
    parts = [opening[:-1] + ', "rows": [']
    size = len(parts[0])
    names = [f.name for f in dataset.fields]
    separator = "\n"
    for row in dataset.rows():
        item = json.dumps({name: json_value(row.get(name)) for name in names}, ensure_ascii=False)
        parts.append(separator + item)
        separator = ",\n"
        size += len(item) + 2
        if size >= CHUNK_SIZE:
            yield "".join(parts).encode("utf-8")
            parts, size = [], 0
    parts.append("\n]}\n")
    yield "".join(parts).encode("utf-8")


def write_to(chunks: Iterable[bytes], out) -> None:
    """Write byte chunks to a binary file-like object."""
    for chunk in chunks:
        out.write(chunk)
