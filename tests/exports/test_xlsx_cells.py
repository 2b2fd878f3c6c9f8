"""The XLSX writer's cells, written by openpyxl in write-only mode: what looks like a
formula or an error stays text, dates and times keep their formats, memory stays flat."""

import io
import tracemalloc
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import openpyxl

from reporting.exports.fields import Field
from reporting.exports.writers import Dataset
from reporting.exports.xlsx import MAX_TEXT, write_xlsx

FIELDS = (
    Field("text", "string"),
    Field("number", "number"),
    Field("day", "date"),
    Field("moment", "datetime"),
    Field("flag", "boolean"),
)


def _book(rows):
    out = io.BytesIO()
    write_xlsx([Dataset("cells", FIELDS, lambda: iter(rows))], out)
    return openpyxl.load_workbook(io.BytesIO(out.getvalue()))


def test_text_that_looks_like_a_formula_or_an_error_stays_text():
    sheet = _book([{"text": value} for value in ("=SUM(A1)", "#N/A", "+1", "a\x01b")])["cells"]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.data_type for c in cells] == ["s"] * 4
    assert [c.value for c in cells[:3]] == ["=SUM(A1)", "#N/A", "+1"]
    assert cells[3].value in ("a\x01b", "a_x0001_b")  # Excel's escape for a control character


def test_numbers_dates_times_and_booleans_keep_their_types_and_formats():
    paris = timezone(timedelta(hours=1))
    sheet = _book(
        [
            {
                "text": "x" * (MAX_TEXT + 10),
                "number": Decimal("1234.5"),
                "day": date(2025, 3, 31),
                "moment": datetime(2025, 4, 1, 0, 30, tzinfo=paris),
                "flag": False,
            }
        ]
    )["cells"]
    text, number, day, moment, flag = next(sheet.iter_rows(min_row=2))
    assert len(text.value) == MAX_TEXT
    assert number.value == 1234.5 and number.data_type == "n"
    assert day.value == datetime(2025, 3, 31) and day.number_format == "yyyy-mm-dd"
    assert moment.value == datetime(2025, 3, 31, 23, 30)  # UTC
    assert moment.number_format == "yyyy-mm-dd hh:mm:ss"
    assert flag.value is False
    assert sheet["A1"].font.b and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == 10


def _peak_bytes(rows: int) -> int:
    fields = (Field("n", "integer"), Field("text", "string"))
    tracemalloc.start()
    try:
        write_xlsx(
            [
                Dataset(
                    "long", fields, lambda: ({"n": i, "text": f"answer {i}"} for i in range(rows))
                )
            ],
            io.BytesIO(),
        )
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_as_the_rows_grow():
    """Write-only mode streams rows to a temporary file: eight times the rows, about the
    same peak (the rows themselves would take megabytes)."""
    small, large = _peak_bytes(1_000), _peak_bytes(8_000)
    assert large < small * 1.5 + 256 * 1024, (small, large)
