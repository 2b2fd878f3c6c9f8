"""Every export format parses back with the right types."""

import csv
import io
import json
import zipfile
from datetime import date, datetime
from decimal import Decimal

import frictionless
import openpyxl
import pytest

from reporting.exports import (
    CODEBOOK_FIELDS,
    LONG_FIELDS,
    ExportFilters,
    FilterError,
    export_stream,
    wide_fields,
)
from reporting.exports.fields import Field
from reporting.exports.writers import Dataset, csv_chunks
from reporting.exports.xlsx import sheet_names, write_xlsx


def _bytes(shape, file_format, **filters):
    export = export_stream(shape, file_format, ExportFilters(**filters))
    return export, b"".join(export.chunks)


def _csv(shape, **filters):
    _export, data = _bytes(shape, "csv", **filters)
    return data, list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_csv_is_rfc4180_utf8(reports):
    data, rows = _csv("long")
    assert data.startswith(b"party_iso3,party_name,") and not data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == len(rows) + 1  # CRLF line ends (no text has a line break)
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert list(rows[0]) == [f.name for f in LONG_FIELDS]


def test_csv_values_read_back_typed(reports):
    _data, rows = _csv("long", include_confidential=True)
    mex = [r for r in rows if r["party_iso3"] == "MEX"]
    zero = next(r for r in mex if r["question_key"] == "art3.exports.total_quantity")
    assert Decimal(zero["value_number"]) == 0 and zero["value_number"] == "0"
    state = next(
        r for r in rows if r["party_iso3"] == "KEN" and r["question_key"] == "art3.chlor_alkali"
    )
    assert state["state"] == "not_available" and state["value_number"] == "" and state["unit"] == ""
    quantity = next(
        r
        for r in mex
        if r["question_key"] == "art3.exports.list"
        and r["table_row"] == "2"
        and r["column_key"] == "quantity"
    )
    assert Decimal(quantity["value_number"]) == Decimal("2.25")
    assert date.fromisoformat(
        next(r for r in mex if r["question_key"] == "party.period_start")["value_date"]
    )
    assert datetime.fromisoformat(zero["submitted_at"].replace("Z", "+00:00")).tzinfo is not None
    assert {r["confidential"] for r in rows} == {"true", "false"}
    formula = next(
        r
        for r in mex
        if r["column_key"] == "purpose"
        and r["table_row"] == "1"
        and r["question_key"] == "art3.exports.list"
    )
    assert formula["value_text"] == "'=SUM(A1)"  # neutralised (test_formula_injection)


def test_csv_quotes_commas_quotes_and_line_breaks():
    fields = (Field("text", "string"),)
    tricky = 'He said "yes", then\nleft; ünïcødé'
    data = b"".join(csv_chunks(Dataset("t", fields, lambda: [{"text": tricky}])))
    assert data == b'text\r\n"He said ""yes"", then\nleft; \xc3\xbcn\xc3\xafc\xc3\xb8d\xc3\xa9"\r\n'
    assert next(csv.reader(io.StringIO(data.decode(), newline=""), strict=True)) == ["text"]


def test_json_parses_with_numbers_as_numbers(reports):
    export, data = _bytes("long", "json")
    assert export.media_type == "application/json"
    document = json.loads(data)
    assert document["shape"] == "long" and document["filters"]["effective_statuses"] == [
        "submitted",
        "accepted",
    ]
    assert [f["name"] for f in document["fields"]] == [f.name for f in LONG_FIELDS]
    rows = document["rows"]
    zero = next(
        r
        for r in rows
        if r["party_iso3"] == "MEX" and r["question_key"] == "art3.exports.total_quantity"
    )
    assert zero["value_number"] == 0 and isinstance(zero["value_number"], int)
    quantity = next(
        r
        for r in rows
        if r["party_iso3"] == "MEX"
        and r["column_key"] == "quantity"
        and r["question_key"] == "art3.exports.list"
        and r["table_row"] == 2
    )
    assert quantity["value_number"] == 2.25 and quantity["table_row"] == 2
    state = next(
        r for r in rows if r["party_iso3"] == "KEN" and r["question_key"] == "art3.chlor_alkali"
    )
    assert state["value_number"] is None and state["confidential"] is False


def test_json_wide_and_codebook(reports):
    wide = json.loads(_bytes("wide", "json")[1])
    mex = next(r for r in wide["rows"] if r["party_iso3"] == "MEX")
    assert mex["art3.exports.list:quantity:sum"] == 3.75 and mex["art4.dental.measures:i"] == 1
    codebook = json.loads(_bytes("codebook", "json", language="es")[1])
    assert codebook["language"] == "es" and len(codebook["rows"]) > 100


def test_xlsx_has_typed_cells_frozen_headers_and_a_codebook_sheet(reports):
    export, data = _bytes("long", "xlsx")
    assert export.filename.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["long", "codebook"]
    sheet = book["long"]
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
    header = [c.value for c in sheet[1]]
    assert header == [f.name for f in LONG_FIELDS]
    rows = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    zero = next(
        r
        for r in rows
        if r["party_iso3"] == "MEX" and r["question_key"] == "art3.exports.total_quantity"
    )
    assert zero["value_number"] == 0 and isinstance(zero["value_number"], (int, float))
    assert isinstance(zero["submitted_at"], datetime) and zero["cycle_year"] == 2025
    assert isinstance(
        next(r for r in rows if r["question_key"] == "party.period_start")["value_date"], datetime
    )
    formula = next(
        r
        for r in rows
        if r["column_key"] == "purpose"
        and r["party_iso3"] == "MEX"
        and r["question_key"] == "art3.exports.list"
    )
    assert formula["value_text"] == "=SUM(A1)"  # text, never a formula
    state = next(
        r for r in rows if r["question_key"] == "art3.chlor_alkali" and r["party_iso3"] == "KEN"
    )
    assert state["value_number"] is None and state["confidential"] is False
    assert book["codebook"].freeze_panes == "A2"
    assert [c.value for c in book["codebook"][1]] == [f.name for f in CODEBOOK_FIELDS]


def test_xlsx_wide_has_one_sheet_per_table(reports):
    book = openpyxl.load_workbook(io.BytesIO(_bytes("wide", "xlsx")[1]))
    assert book.sheetnames[0] == "wide" and book.sheetnames[-1] == "codebook"
    assert "art3.exports.list" in book.sheetnames
    assert all(len(name) <= 31 for name in book.sheetnames)
    assert len(book.sheetnames) == 2 + 10  # the format has ten table questions
    sheet = book["art3.exports.list"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    mex = [r for r in rows if r["party_iso3"] == "MEX"]
    assert [(r["table_row"], r["country"], r["quantity"]) for r in mex] == [
        (1, "DEU", 1.5),
        (2, "IND", 2.25),
    ]
    wide = book["wide"]
    assert [c.value for c in wide[1]] == [f.name for f in wide_fields(ExportFilters())]


def test_xlsx_continues_on_a_new_sheet_at_the_row_limit(tmp_path):
    fields = (Field("n", "integer"),)
    target = tmp_path / "big.xlsx"
    write_xlsx(
        [Dataset("long", fields, lambda: ({"n": i} for i in range(5)))], str(target), max_rows=3
    )
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["long", "long (2)", "long (3)"]
    assert [[c.value for c in row] for row in book["long (2)"].iter_rows()] == [["n"], [2], [3]]


def test_sheet_names_are_short_unique_and_valid():
    names = sheet_names(
        ["art3.primary_mining.annual_quantity", "art3.primary_mining.annual_quantity_x", "a/b[c]"]
    )
    assert names[0] == "art3.primary_mining.annual_quan" and len(names[1]) <= 31
    assert len(set(names)) == 3 and names[2] == "a_b_c_"


def test_data_package_is_valid_under_frictionless(reports, tmp_path):
    export, data = _bytes("datapackage", None, include_confidential=True)
    assert export.media_type == "application/zip" and export.filename.endswith(".zip")
    target = tmp_path / "package.zip"
    target.write_bytes(data)
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == [
            "codebook.csv",
            "datapackage.json",
            "long.csv",
            "wide.csv",
        ]
        descriptor = json.loads(archive.read("datapackage.json"))
    assert [r["name"] for r in descriptor["resources"]] == ["long", "wide", "codebook"]
    assert descriptor["resources"][1]["schema"]["primaryKey"] == ["party_iso3", "cycle_code"]
    report = frictionless.validate(str(target))
    assert report.valid, report.flatten(["type", "note"])
    assert [task.stats["rows"] for task in report.tasks] == [
        sum(
            1
            for _ in csv.reader(
                io.StringIO(zipfile.ZipFile(target).read(name).decode(), newline="")
            )
        )
        - 1
        for name in ("long.csv", "wide.csv", "codebook.csv")
    ]


def test_frictionless_would_catch_a_wrong_value(reports, tmp_path):
    """The validation above means something: a text in a number column fails it."""
    _export, data = _bytes("datapackage", "csv")
    source = zipfile.ZipFile(io.BytesIO(data))
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(broken, "w") as archive:
        for name in source.namelist():
            content = source.read(name)
            if name == "long.csv":
                content = content.replace(b",1.5,", b",one and a half,", 1)
            archive.writestr(name, content)
    assert not frictionless.validate(str(broken)).valid


def test_a_bad_request_fails_before_any_byte(app, db):
    with app.test_request_context():
        for shape, file_format in (("datapackage", "xlsx"), ("cube", "csv"), ("long", "pdf")):
            with pytest.raises(FilterError):
                export_stream(shape, file_format, ExportFilters())
        with pytest.raises(FilterError):
            export_stream("long", "csv", ExportFilters(cycles=["1999-full"]))
