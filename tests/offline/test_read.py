"""Reading uploaded workbooks: what people do to spreadsheets, and what is refused."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import pytest
from flask_babel import force_locale

from reporting.extensions import db as _db
from reporting.offline import layout
from reporting.offline.layout import Col
from reporting.offline.read import WorkbookRefused, read_workbook
from reporting.reports import workflow
from reporting.reports.workflow import report_format

from .builders import Book


def _read(report, data):
    return read_workbook(data, report, report_format(report))


def _values(report, data) -> dict:
    return {k: a.payload["value"] for k, a in _read(report, data).answers.items()}


def _refused(report, data) -> str:
    with pytest.raises(WorkbookRefused) as caught:
        _read(report, data)
    return caught.value.message


def test_answers_read_as_the_web_form_sends_them(tiny_report):
    book = Book(tiny_report)
    book.answer("art1.mining", "Yes").answer("art1.mining.tonnes", 12.5)
    book.answer("art1.colour", "green").answer("art1.colours", "Red; blue")
    book.answer("art1.count", 7.0).answer("art1.year", 2024).answer("art1.country", "Kenya")
    book.answer("art1.note", "  short  ", comment="From the ministry")
    book.answer("art1.plan", None, state="Not applicable")
    book.table("art1.exports", [{"country": "Germany", "quantity": "3.5", "consent": "no"}])
    read = _read(tiny_report, book.bytes())
    values = {k: a.payload["value"] for k, a in read.answers.items()}
    assert values["art1.mining"] == "yes"
    assert values["art1.mining.tonnes"] == "12.5"
    assert values["art1.colour"] == "green"
    assert values["art1.colours"] == ["red", "blue"]
    assert values["art1.count"] == "7"
    assert values["art1.year"] == "2024"
    assert values["art1.country"] == "KEN"
    assert values["art1.note"] == "short"
    assert read.answers["art1.note"].payload["comment"] == "From the ministry"
    assert read.answers["art1.plan"].payload["state"] == "not_applicable"
    assert values["art1.exports"] == [{"country": "DEU", "quantity": "3.5", "consent": "no"}]
    assert "art1.file" not in read.answers  # files are attached on the web page only
    assert read.for_report and read.language == "en"


def test_french_labels_and_decimal_comma(tiny_report):
    book = Book(tiny_report, language="fr")
    with force_locale("fr"):
        yes = str(
            __import__("reporting.questionnaire.kinds.choice", fromlist=["YES_NO"]).YES_NO["yes"]
        )
    book.answer("art1.mining", yes.upper()).answer("art1.mining.tonnes", "12,5")
    book.answer("art2.share", "12,5 %").answer("art1.country", "Allemagne")
    values = _values(tiny_report, book.bytes())
    assert yes != "Yes" and values["art1.mining"] == "yes"
    assert values["art1.mining.tonnes"] == "12.5"
    assert values["art2.share"] == "12.5"
    assert values["art1.country"] == "DEU"


def test_dates_as_excel_dates_serials_and_text(tiny_report):
    book = Book(tiny_report, language="fr")
    book.answer("about.start", datetime(2024, 3, 1)).answer("about.end", 45658)  # 2025-01-01
    values = _values(tiny_report, book.bytes())
    assert values == {**values, "about.start": "2024-03-01", "about.end": "2025-01-01"}
    book.answer("about.start", "2024-03-01").answer("about.end", "31/12/2024")
    values = _values(tiny_report, book.bytes())
    assert values["about.start"] == "2024-03-01"
    assert values["about.end"] == "2024-12-31"
    book.answer("about.end", date(2024, 5, 6))
    assert _values(tiny_report, book.bytes())["about.end"] == "2024-05-06"


def test_unreadable_values_are_kept_as_typed(tiny_report):
    book = Book(tiny_report).answer("art1.mining.tonnes", "about twelve")
    book.answer("art1.colour", "Purple").answer("about.start", "next spring")
    values = _values(tiny_report, book.bytes())
    assert values["art1.mining.tonnes"] == "about twelve"
    assert values["art1.colour"] == "Purple"
    assert values["about.start"] == "next spring"


def test_reordered_rows_extra_rows_and_a_renamed_sheet(tiny_report):
    book = Book(tiny_report).answer("art1.count", 3).answer("art1.year", 2020)
    sheet = book.sheet_of("art1.count")
    sheet.title = "Mes réponses"
    count_row, year_row = book.row_of("art1.count"), book.row_of("art1.year")
    for col in range(1, Col.ORIGINAL + 1):  # swap the two rows
        a, b = sheet.cell(count_row, col), sheet.cell(year_row, col)
        a.value, b.value = b.value, a.value
    sheet.insert_rows(layout.FIRST_ROW)  # a row without a key, with a note
    sheet.cell(layout.FIRST_ROW, Col.ANSWER, "Note to self: ask the customs office")
    values = _values(tiny_report, book.bytes())
    assert values["art1.count"] == "3"
    assert values["art1.year"] == "2020"
    assert "Note to self: ask the customs office" not in str(values)


def test_merged_cells_take_the_top_left_value(tiny_report):
    book = Book(tiny_report).answer("art1.long", "Several lines of text")
    sheet, row = book.sheet_of("art1.long"), book.row_of("art1.long")
    sheet.merge_cells(start_row=row, start_column=Col.ANSWER, end_row=row, end_column=Col.COMMENT)
    read = _read(tiny_report, book.bytes())
    assert read.answers["art1.long"].payload["value"] == "Several lines of text"
    assert read.answers["art1.long"].payload["comment"] is None


def test_formula_cells_give_their_cached_value_and_are_never_evaluated(tiny_report):
    book = Book(tiny_report).answer("art1.count", "=40+2").answer("art1.year", "=2000+24")
    data = book.bytes()
    # As Excel saves it: the formula with its cached value.
    data = _with_cached_value(data, "=40+2", "42")
    values = _values(tiny_report, data)
    assert values["art1.count"] == "42"
    assert values["art1.year"] is None  # no cached value: nothing, never evaluated


def _with_cached_value(data: bytes, formula: str, value: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                content = content.replace(
                    f"<f>{formula[1:]}</f><v></v>".encode(),
                    f"<f>{formula[1:]}</f><v>{value}</v>".encode(),
                ).replace(
                    f"<f>{formula[1:]}</f><v />".encode(),
                    f"<f>{formula[1:]}</f><v>{value}</v>".encode(),
                )
            target.writestr(item, content)
    return out.getvalue()


def test_a_table_row_inserted_without_a_key_is_kept(tiny_report):
    book = Book(tiny_report).table("art1.exports", [{"country": "DEU", "quantity": 1}])
    sheet = book.sheet_of("art1.exports")
    row = book.row_of(layout.table_row_key("art1.exports", 1)) + 1
    sheet.insert_rows(row)
    sheet.cell(row, Col.FIRST_CELL, "IND")
    sheet.cell(row, Col.FIRST_CELL + 1, 2)
    last = book.row_of(layout.table_row_key("art1.exports", 5)) + 1
    sheet.cell(last + 1, Col.FIRST_CELL, "A heading or a note below the table")
    rows = _values(tiny_report, book.bytes())["art1.exports"]
    assert rows == [
        {"country": "DEU", "quantity": "1", "consent": None},
        {"country": "IND", "quantity": "2", "consent": None},
    ]


def test_a_blank_workbook_of_the_cycle_is_accepted(tiny_report):
    book = Book(tiny_report, blank=True).answer("art1.count", 5)
    read = _read(tiny_report, book.bytes())
    assert not read.for_report
    assert read.answers["art1.count"].payload["value"] == "5"
    assert read.answers["art1.count"].original is None


# -- refused ------------------------------------------------------------------------------


def test_not_an_xlsx(tiny_report):
    assert "not an Excel workbook" in _refused(tiny_report, b"%PDF-1.4 not a workbook")
    assert "not an Excel workbook" in _refused(tiny_report, b"")
    data = Book(tiny_report).bytes()
    assert "not an Excel workbook" in _refused(tiny_report, data[: len(data) // 2])  # truncated
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("hello.txt", "a zip, not a workbook")
    assert "not an Excel workbook" in _refused(tiny_report, other.getvalue())


def test_a_damaged_part_is_refused(tiny_report):
    data = Book(tiny_report).bytes()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/workbook.xml":
                content = content[: len(content) // 2]
            target.writestr(item, content)
    assert "not an Excel workbook" in _refused(tiny_report, out.getvalue())


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tiny_report, monkeypatch):
    data = Book(tiny_report).bytes()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/media/padding.xml", b"0" * (60 * 1024 * 1024))
    bomb = out.getvalue()
    assert len(bomb) < 1024 * 1024
    opened = []
    monkeypatch.setattr("reporting.offline.read.load_workbook", lambda *a, **k: opened.append(1))
    assert "too big" in _refused(tiny_report, bomb)
    assert not opened


def test_a_highly_compressed_part_is_refused(tiny_report):
    data = Book(tiny_report).bytes()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/media/padding.xml", b"0" * (5 * 1024 * 1024))  # ratio ~1000
    assert "too big" in _refused(tiny_report, out.getvalue())


def test_a_file_over_the_size_limit_is_refused(app, tiny_report, monkeypatch):
    monkeypatch.setitem(app.config, "ORT_OFFLINE_MAX_BYTES", 1000)
    assert "too big" in _refused(tiny_report, Book(tiny_report).bytes())


def test_too_many_cells(app, tiny_report, monkeypatch):
    monkeypatch.setitem(app.config, "ORT_OFFLINE_MAX_CELLS", 500)
    book = Book(tiny_report)
    sheet = book.sheet_of("art1.count")
    for row in range(100, 160):
        for col in range(1, 10):
            sheet.cell(row, col, "x")
    assert "too big" in _refused(tiny_report, book.bytes())


def test_not_an_ort_workbook(tiny_report):
    book = Book(tiny_report)
    del book.wb[layout.META_SHEET]
    assert "not downloaded from ORT" in _refused(tiny_report, book.bytes())
    assert "not downloaded from ORT" in _refused(
        tiny_report, Book(tiny_report).meta("marker", "x").bytes()
    )


def test_a_renamed_meta_sheet_is_still_found(tiny_report):
    book = Book(tiny_report).answer("art1.count", 4)
    book.wb[layout.META_SHEET].title = "Sheet9"
    assert _values(tiny_report, book.bytes())["art1.count"] == "4"


def test_an_altered_token_is_refused(tiny_report):
    token = Book(tiny_report).wb[layout.META_SHEET].cell(3, 2).value
    altered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    message = _refused(tiny_report, Book(tiny_report, token=altered).bytes())
    assert "hidden data was changed" in message
    # Visible fields changed to another report do not matter: only the token counts.
    assert _values(
        tiny_report, Book(tiny_report).meta("report", 999).answer("art1.count", 1).bytes()
    )


def test_a_token_of_another_instance_is_refused(app, tiny_report):
    key = app.config["SECRET_KEY"]
    app.config["SECRET_KEY"] = "another installation's key"
    try:
        data = Book(tiny_report).bytes()
    finally:
        app.config["SECRET_KEY"] = key
    assert "hidden data was changed" in _refused(tiny_report, data)


def _token(report, **overrides):
    facts = {
        "report_id": report.id,
        "cycle": report.cycle.code,
        "party": report.party.iso3,
        "version": report.cycle.format_version,
        **overrides,
    }
    return layout.sign(**facts)


def test_another_partys_report_is_refused(tiny_report, party_b):
    message = _refused(
        tiny_report,
        Book(
            tiny_report, token=_token(tiny_report, party="KEN", report_id=tiny_report.id + 1000)
        ).bytes(),
    )
    assert "another Party's report" in message
    blank_for_b = _token(tiny_report, party="KEN", report_id=None)
    assert "another Party's report" in _refused(
        tiny_report, Book(tiny_report, token=blank_for_b).bytes()
    )


def test_another_report_of_the_same_party_is_refused(
    tiny_report, short_cycle, focal_point, party_a
):
    other = workflow.start_report(party_a, short_cycle, focal_point, carry_over=False)
    _db.session.flush()
    message = _refused(
        tiny_report, Book(tiny_report, token=_token(tiny_report, report_id=other.id)).bytes()
    )
    assert "another report of your Party" in message


def test_another_format_version_is_refused(tiny_report):
    message = _refused(
        tiny_report, Book(tiny_report, token=_token(tiny_report, version="0")).bytes()
    )
    assert "another version of the reporting format" in message
    assert "another version" in _refused(tiny_report, Book(tiny_report).meta("layout", 99).bytes())


def test_a_blank_workbook_of_another_cycle_is_refused(tiny_report):
    token = _token(tiny_report, report_id=None, party=None, cycle="2023-short")
    assert "another reporting cycle" in _refused(
        tiny_report, Book(tiny_report, token=token).bytes()
    )
