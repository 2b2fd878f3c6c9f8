"""The offline workbook as written: the layout the reader relies on, the values as the
reader parses them back, Excel's checks, protection, languages."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pytest
from flask_babel import force_locale
from openpyxl.worksheet.table import Table
from werkzeug.datastructures import FileStorage

from forms.questionnaire import STATE_LABELS, fingerprint, stored_payload
from reporting.attachments import store_upload
from reporting.extensions import db as _db
from reporting.offline import layout
from reporting.offline.layout import Col
from reporting.offline.write import (
    LISTS_SHEET,
    UnknownPages,
    blank_workbook,
    report_workbook,
    sheet_name,
)
from reporting.questionnaire.translate import qt
from reporting.reports import workflow
from reporting.reports.answers import load_answers, save_answers
from reporting.web.editing import build_form
from reporting.web.pages import report_pages
from tests.exports.factories import filled_report, focal_point_of, party

from .conftest import open_workbook, question_rows, sheet_of

PDF = b"%PDF-1.4\n% inventory\n%%EOF\n"


def meta(wb) -> dict:
    ws = wb[layout.META_SHEET]
    return {ws.cell(row, 1).value: ws.cell(row, 2).value for row in range(1, ws.max_row + 1)}


def answer(ws, key: str):
    return ws.cell(question_rows(ws)[key], Col.ANSWER)


def validation_of(ws, coordinate: str):
    found = [dv for dv in ws.data_validations.dataValidation if coordinate in dv.sqref]
    return found[0] if found else None


def list_labels(wb, dv) -> list[str]:
    """The labels a drop-down offers (its range on the hidden lists sheet)."""
    sheet, _sep, cells = dv.formula1.partition("!")
    assert sheet.strip("'") == LISTS_SHEET
    first, last = cells.replace("$", "").split(":")
    return [c.value for (c,) in wb[LISTS_SHEET][f"{first}:{last}"]]


def test_the_signed_facts_name_the_report_party_and_format_version(tiny_filled):
    wb = open_workbook(report_workbook(tiny_filled))
    facts = meta(wb)
    assert list(facts) == list(layout.META_FIELDS)
    assert wb[layout.META_SHEET].sheet_state == "veryHidden"
    assert facts["marker"] == layout.MARKER and facts["layout"] == layout.LAYOUT_VERSION
    signed = layout.verify(facts["token"])
    assert signed == {"r": tiny_filled.id, "c": "2099-tiny", "p": "MEX", "v": "1", "l": 1}
    assert (facts["report"], facts["party"], facts["format"], facts["version"]) == (
        tiny_filled.id,
        "MEX",
        "tiny",
        "1",
    )
    assert facts["lock_version"] == tiny_filled.lock_version
    assert facts["language"] == "en" and facts["pages"] == "A art1 art2"
    assert datetime.fromisoformat(facts["generated"]).tzinfo is not None


def test_a_read_me_sheet_comes_first_and_every_page_has_its_sheet(tiny_filled):
    wb = open_workbook(report_workbook(tiny_filled))
    readme = wb.worksheets[0]
    assert readme.title == "Read me" and readme.sheet_state == "visible"
    texts = [c.value for row in readme.iter_rows() for c in row if c.value]
    assert "Mexico" in texts and "English" in texts
    assert any("grey columns" in str(t) for t in texts)
    assert any("Work offline" in str(t) for t in texts)
    fmt = workflow.report_format(tiny_filled)
    pages = report_pages(fmt, tiny_filled.cycle.kind)
    for page in pages:
        ws = sheet_of(wb, page.key)
        assert ws[layout.PAGE_KEY_CELL].value == page.key
        rows = question_rows(ws)
        assert [q.key for q in page.questions] == [k for k in rows if "#" not in k][1:]
        assert ws.column_dimensions["A"].hidden and ws.column_dimensions["I"].hidden
        assert ws.freeze_panes == f"A{layout.FIRST_ROW}"
    assert wb[LISTS_SHEET].sheet_state == "veryHidden"


def test_fingerprints_are_those_of_the_web_page(tiny_filled):
    wb = open_workbook(report_workbook(tiny_filled))
    fmt = workflow.report_format(tiny_filled)
    answers = load_answers(tiny_filled, fmt)
    for page in report_pages(fmt, tiny_filled.cycle.kind):
        form = build_form(tiny_filled, page, answers)
        ws = sheet_of(wb, page.key)
        rows = question_rows(ws)
        for q in page.questions:
            written = ws.cell(rows[q.key], Col.ORIGINAL).value
            assert written == form.answer(q.key).original.data, q.key


def test_values_are_written_as_the_reader_parses_them(tiny_filled):
    wb = open_workbook(report_workbook(tiny_filled))
    art1, about = sheet_of(wb, "art1"), sheet_of(wb, "A")
    assert answer(art1, "art1.mining.tonnes").value == 1234.5  # a number, not text
    assert answer(art1, "art1.count").value == 42
    start = answer(about, "about.start")
    assert start.value == datetime(2097, 3, 5) and start.number_format == "yyyy-mm-dd"
    assert answer(art1, "art1.mining").value == "Yes"
    assert answer(art1, "art1.colour").value == "Red"
    assert answer(art1, "art1.colours").value == "Red; Blue"
    row = question_rows(art1)["art1.count"]
    assert art1.cell(row, Col.COMMENT).value == "Estimated"
    assert art1.cell(row, Col.STATE).value == str(STATE_LABELS["value"])
    plan = question_rows(art1)["art1.plan"]
    assert art1.cell(plan, Col.STATE).value == "Information not available"
    assert art1.cell(plan, Col.ANSWER).value is None
    tonnes = question_rows(art1)["art1.mining.tonnes"]
    assert art1.cell(tonnes, Col.UNIT).value == "t"


def test_drop_downs_and_checks_follow_the_kinds(tiny_filled):
    wb = open_workbook(report_workbook(tiny_filled))
    ws = sheet_of(wb, "art1")
    colour = validation_of(ws, answer(ws, "art1.colour").coordinate)
    assert colour.type == "list" and list_labels(wb, colour) == ["Red", "Green", "Blue"]
    assert validation_of(ws, answer(ws, "art1.colours").coordinate) is None  # several choices
    help_text = ws.cell(question_rows(ws)["art1.colours"], Col.HELP).value
    assert "Red; Green; Blue" in help_text
    count = validation_of(ws, answer(ws, "art1.count").coordinate)
    assert (count.type, count.formula1, count.formula2) == ("whole", "0", "100")
    tonnes = validation_of(ws, answer(ws, "art1.mining.tonnes").coordinate)
    assert tonnes.type == "decimal" and tonnes.formula1 == "0"
    note = validation_of(ws, answer(ws, "art1.note").coordinate)
    assert (note.type, note.operator, note.formula1) == ("textLength", "lessThanOrEqual", "10")
    long = validation_of(ws, answer(ws, "art1.long").coordinate)
    assert long.formula1 == "20000"  # the format's limit for long texts
    start = validation_of(sheet_of(wb, "A"), answer(sheet_of(wb, "A"), "about.start").coordinate)
    assert start.type == "date"
    share = validation_of(
        sheet_of(wb, "art2"), answer(sheet_of(wb, "art2"), "art2.share").coordinate
    )
    assert (share.type, share.formula1, share.formula2) == ("decimal", "0", "100")
    state = ws.cell(question_rows(ws)["art1.plan"], Col.STATE)
    assert list_labels(wb, validation_of(ws, state.coordinate)) == [
        "Answer",
        "Not applicable",
        "None / zero",
        "Information not available",
    ]
    # A question that allows no state has no state to choose.
    about = sheet_of(wb, "A")
    start_row = question_rows(about)["about.start"]
    assert validation_of(about, about.cell(start_row, Col.STATE).coordinate) is None
    assert about.cell(start_row, Col.STATE).protection.locked


def test_only_answers_states_comments_and_table_cells_are_open(tiny_filled):
    wb = open_workbook(report_workbook(tiny_filled))
    assert wb.security.lockStructure
    ws = sheet_of(wb, "art1")
    assert ws.protection.sheet
    row = question_rows(ws)["art1.count"]
    for col in (Col.STATE, Col.ANSWER, Col.COMMENT):
        assert not ws.cell(row, col).protection.locked
    for col in (Col.KEY, Col.NUMBER, Col.QUESTION, Col.HELP, Col.UNIT, Col.ORIGINAL):
        assert ws.cell(row, col).protection.locked
    first = question_rows(ws)[layout.table_row_key("art1.exports", 1)]
    assert not ws.cell(first, Col.FIRST_CELL).protection.locked
    header = question_rows(ws)[layout.table_header_key("art1.exports")]
    assert ws.cell(header, Col.FIRST_CELL).protection.locked
    assert all(sheet.protection.sheet for sheet in wb.worksheets)


def test_a_table_is_an_excel_table_with_room_for_rows(tiny_filled):
    wb = open_workbook(report_workbook(tiny_filled))
    ws = sheet_of(wb, "art1")
    rows = question_rows(ws)
    keys_row = rows[layout.column_key_row("art1.exports")]
    header = rows[layout.table_header_key("art1.exports")]
    assert header == keys_row + 1 == rows["art1.exports"] + 2
    assert ws.row_dimensions[keys_row].hidden
    assert [ws.cell(keys_row, Col.FIRST_CELL + i).value for i in range(3)] == [
        "country",
        "quantity",
        "consent",
    ]
    assert [ws.cell(header, Col.FIRST_CELL + i).value for i in range(3)] == [
        "Country",
        "Quantity (t)",
        "Consent",
    ]
    first = rows[layout.table_row_key("art1.exports", 1)]
    assert [ws.cell(first, Col.FIRST_CELL + i).value for i in range(3)] == ["Germany", 1.5, "No"]
    assert layout.table_row_key("art1.exports", 12) in rows  # 2 rows and 10 more
    assert layout.table_row_key("art1.exports", 13) not in rows
    (table,) = ws.tables.values()
    assert isinstance(table, Table) and table.ref == f"B{header}:D{header + 12}"
    consent = validation_of(ws, ws.cell(first + 5, Col.FIRST_CELL + 2).coordinate)
    assert list_labels(wb, consent) == ["Yes", "No"]
    quantity = validation_of(ws, ws.cell(first + 5, Col.FIRST_CELL + 1).coordinate)
    assert quantity.type == "decimal" and quantity.formula1 == "0"


def test_tables_keep_within_their_most_rows_and_names_are_unique(request_ctx, full_cycle):
    p = party("MEX")
    report = filled_report(p, full_cycle, focal_point_of(p), seed=2)
    wb = open_workbook(report_workbook(report))
    names = [t.displayName for ws in wb.worksheets for t in ws.tables.values()]
    assert names and len(names) == len(set(names))
    fmt = workflow.report_format(report)
    for ws in wb.worksheets[1:]:
        if ws.sheet_state != "visible":
            continue
        for key in question_rows(ws):
            question_key, part = layout.split_row_key(key)
            if part and part.isdigit():
                q = fmt.question(question_key)
                assert int(part) <= (q.max_rows or fmt.limits.table_rows)


def test_a_subset_of_pages_gives_only_their_sheets(tiny_filled):
    wb = open_workbook(report_workbook(tiny_filled, ["art2", "A"]))
    pages = [ws[layout.PAGE_KEY_CELL].value for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert pages[1:] == ["A", "art2"]  # in the report's order, after the read-me
    assert meta(wb)["pages"] == "A art2"
    with pytest.raises(UnknownPages) as refused:
        report_workbook(tiny_filled, ["art1", "nope"])
    assert refused.value.keys == ["nope"]


def test_a_file_is_named_and_locked(tiny_filled):
    upload = FileStorage(io.BytesIO(PDF), filename="inventory.pdf")
    attachment = store_upload(tiny_filled, "art1.file", upload)
    fmt = workflow.report_format(tiny_filled)
    save_answers(
        tiny_filled,
        fmt,
        {"art1.file": {"value": attachment.token}},
        focal_point_of(party("MEX")),
        tiny_filled.cycle.kind,
    )
    _db.session.commit()
    ws = sheet_of(open_workbook(report_workbook(tiny_filled)), "art1")
    cell = answer(ws, "art1.file")
    assert cell.value == "inventory.pdf" and cell.protection.locked
    assert validation_of(ws, cell.coordinate) is None
    assert "browser" in ws.cell(cell.row, Col.HELP).value


def test_a_blank_workbook_names_its_cycle_and_no_report(request_ctx, tiny_cycle, tiny_format):
    wb = open_workbook(blank_workbook(tiny_cycle))
    facts = meta(wb)
    # Written as "": an empty cell, which openpyxl reads back as None.
    assert (facts["report"], facts["party"], facts["lock_version"]) == (None, None, None)
    assert layout.verify(facts["token"]) == {
        "r": None,
        "c": "2099-tiny",
        "p": None,
        "v": "1",
        "l": 1,
    }
    ws = sheet_of(wb, "art1")
    q = tiny_format.question("art1.count")
    assert answer(ws, "art1.count").value is None
    assert ws.cell(question_rows(ws)["art1.count"], Col.ORIGINAL).value == fingerprint(
        stored_payload(q, None)
    )
    named = meta(open_workbook(blank_workbook(tiny_cycle, party("KEN"), ["art2"])))
    assert named["party"] == "KEN" and layout.verify(named["token"])["p"] == "KEN"
    assert named["pages"] == "art2"


def test_arabic_sheets_read_right_to_left(tiny_filled):
    with force_locale("ar"):
        wb = open_workbook(report_workbook(tiny_filled))
    assert all(ws.sheet_view.rightToLeft for ws in wb.worksheets)
    assert meta(wb)["language"] == "ar"
    with force_locale("fr"):
        wb = open_workbook(report_workbook(tiny_filled))
    assert not any(ws.sheet_view.rightToLeft for ws in wb.worksheets)
    assert answer(sheet_of(wb, "art1"), "art1.mining").value == "Oui"


@pytest.mark.parametrize("lang", ["zh", "ru"])
def test_question_texts_and_titles_are_in_the_users_language(request_ctx, short_cycle, lang):
    p = party("MEX")
    report = filled_report(p, short_cycle, focal_point_of(p), seed=4)
    fmt = workflow.report_format(report)
    page = report_pages(fmt, short_cycle.kind)[1]
    with force_locale(lang):
        wb = open_workbook(report_workbook(report, [page.key]))
        title, texts = qt(page.title), {q.key: qt(q.text) for q in page.questions}
        labels = {str(v) for v in STATE_LABELS.values()}
    ws = wb.worksheets[1]
    assert title != page.title and ws.title == sheet_name(title, page.key, set())
    rows = question_rows(ws)
    translated = [k for k, text in texts.items() if text != fmt.question(k).text]
    assert translated
    for key in translated:
        assert ws.cell(rows[key], Col.QUESTION).value.rstrip(" *") == texts[key]
    assert (
        set(
            list_labels(
                wb, validation_of(ws, ws.cell(rows[page.questions[0].key], Col.STATE).coordinate)
            )
        )
        <= labels
    )


def test_sheet_names_are_valid_and_unique():
    taken = {"_ort"}
    assert sheet_name("Article 3: [Supply]/trade*?", "art3", taken) == "Article 3 Supplytrade"
    assert sheet_name("Article 3: [Supply]/trade*?", "art3", taken) == "Article 3 Supplytrade (2)"
    assert sheet_name("A" * 40, "x", taken) == "A" * 31
    assert sheet_name("a" * 40, "x", taken) == "a" * 27 + " (2)"  # Excel ignores case
    assert sheet_name("::", "art9", taken) == "art9"
    assert sheet_name("_ORT", "p", taken) == "_ORT (2)"


def test_typed_formulas_and_control_characters_stay_harmless_text(tiny_filled):
    fmt = workflow.report_format(tiny_filled)
    save_answers(
        tiny_filled,
        fmt,
        {
            "art1.long": {"value": '=HYPERLINK("http://evil.example","x")', "comment": "=1+1"},
            "art1.note": {"value": "a\x0bb"},
        },
        focal_point_of(party("MEX")),
        tiny_filled.cycle.kind,
    )
    _db.session.commit()
    data = report_workbook(tiny_filled)
    ws = sheet_of(open_workbook(data), "art1")
    long = answer(ws, "art1.long")
    assert long.data_type == "s" and long.value.startswith("=HYPERLINK")
    assert ws.cell(long.row, Col.COMMENT).data_type == "s"
    assert answer(ws, "art1.note").value == "ab"
    assert b"<f>" not in _sheet_xml(data)


def _sheet_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return b"".join(
            archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/")
        )
