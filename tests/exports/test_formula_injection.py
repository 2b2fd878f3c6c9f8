"""CSV formula injection: text that a spreadsheet would run is neutralised, reversibly, in
every CSV of ORT (exports, data package, the secretariat's downloads); numbers, dates and
telephone numbers are written as they are."""

import csv
import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest

from reporting.exports import ExportFilters, export_stream
from reporting.exports.fields import Field
from reporting.exports.writers import Dataset, csv_cell, csv_chunks, neutralise_formula
from reporting.secretariat.downloads import to_csv

ATTACKS = [
    "=SUM(A1)",
    "=cmd|' /C calc'!A0",
    '+HYPERLINK("http://evil.example")',
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    "-",
    "+",
    "=",
    "+41 22 917 8111 ext. 2",
    "-1+A1",
]
KEPT = [
    "-12.5",
    "+41 22 917 8111",
    "+1 (555) 123-4567",
    "022.917.81.11",
    "-0",
    "12",
    "Storage",
    "a=b",
    " =1",
    "mercury@example.org",
    "",
]


@pytest.mark.parametrize("text", ATTACKS)
def test_text_starting_a_formula_gets_a_quote_in_front(text):
    assert neutralise_formula(text) == "'" + text
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("text", KEPT)
def test_numbers_phone_numbers_and_plain_text_stay_as_typed(text):
    assert csv_cell(text) == text


@pytest.mark.parametrize("text", ["'=1+1", "'s-Hertogenbosch", "'"])
def test_a_leading_quote_is_doubled_so_the_rule_reverses_exactly(text):
    assert csv_cell(text) == "'" + text
    for typed in ATTACKS + KEPT + [text]:
        written = csv_cell(typed)
        assert (written[1:] if written.startswith("'") else written) == typed


def test_typed_values_are_never_changed():
    assert csv_cell(Decimal("-12.5")) == "-12.5"
    assert csv_cell(-3) == "-3" and csv_cell(-0.5) == "-0.5"
    assert csv_cell(date(2025, 1, 2)) == "2025-01-02" and csv_cell(False) == "false"


def test_the_csv_writer_neutralises_cells_but_not_numbers():
    fields = (Field("text", "string"), Field("n", "number"))
    rows = [{"text": "=1+1", "n": Decimal("-12.5")}, {"text": "+41 22 917 8111", "n": -4}]
    data = b"".join(csv_chunks(Dataset("t", fields, lambda: rows))).decode()
    assert list(csv.reader(io.StringIO(data, newline=""))) == [
        ["text", "n"],
        ["'=1+1", "-12.5"],
        ["+41 22 917 8111", "-4"],
    ]


def test_export_csvs_and_the_data_package_neutralise_typed_formulas(reports):
    """MEX's table has a purpose typed as "=SUM(A1)" (tests/exports/conftest.py)."""
    text = b"".join(export_stream("long", "csv", ExportFilters()).chunks).decode()
    cells = [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
    assert "'=SUM(A1)" in cells and not any(cell.startswith("=") for cell in cells)
    archive = zipfile.ZipFile(
        io.BytesIO(b"".join(export_stream("datapackage", "csv", ExportFilters()).chunks))
    )
    assert "'=SUM(A1)" in archive.read("long.csv").decode()


def test_the_secretariat_tables_use_the_same_rule():
    text = to_csv(("party", "phone", "count"), [('=HYPERLINK("x")', "+41 22 917 8111", -2)])
    assert list(csv.reader(io.StringIO(text))) == [
        ["party", "phone", "count"],
        ['\'=HYPERLINK("x")', "+41 22 917 8111", "-2"],
    ]
