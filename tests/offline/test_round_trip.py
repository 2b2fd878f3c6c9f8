"""Download -> fill in with openpyxl -> upload: every answer kind, in every language.

The workbook comes from the writer (`offline.write`), is filled in as a person would in
Excel (labels in the workbook's language, numbers typed as text with its decimal sign,
dates as dates and as serial numbers, states by their names), and goes through the reader,
the preview and the confirmation."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from flask_babel import force_locale
from openpyxl import load_workbook
from openpyxl.utils.datetime import to_excel

from forms.questionnaire import STATE_LABELS
from reporting.extensions import db as _db
from reporting.offline.apply import apply_changes
from reporting.offline.layout import Col
from reporting.offline.preview import compare, incoming_answers
from reporting.offline.read import read_workbook
from reporting.offline.write import blank_workbook, report_workbook
from reporting.questionnaire.countries import country_name
from reporting.reports.answers import load_answers
from reporting.reports.workflow import report_format
from tests.exports.factories import filled_report, focal_point_of, party

from .conftest import question_rows

LANGUAGES = ["en", "fr", "es", "ru", "zh", "ar"]


def _download(report, language) -> bytes:
    with force_locale(language):
        return report_workbook(report)


def _upload(report, data: bytes):
    fmt = report_format(report)
    incoming = incoming_answers(read_workbook(data, report, fmt).answers)
    return fmt, incoming, compare(report, fmt, incoming)


def _fill(data: bytes, language: str, fmt, values: dict, tables: dict) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    for ws in wb.worksheets:
        rows = question_rows(ws)
        for key, cells in values.items():
            if key in rows:
                for col, value in cells.items():
                    ws.cell(rows[key], col).value = value
        for key, table in tables.items():
            for n, row in enumerate(table, start=1):
                if f"{key}#{n}" in rows:
                    columns = fmt.question(key).columns
                    for i, column in enumerate(columns):
                        ws.cell(rows[f"{key}#{n}"], Col.FIRST_CELL + i).value = row.get(column.key)
            n = len(table) + 1
            while f"{key}#{n}" in rows:  # the other rows emptied
                for i in range(len(fmt.question(key).columns)):
                    ws.cell(rows[f"{key}#{n}"], Col.FIRST_CELL + i).value = None
                n += 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _label(fmt, key, code, column=None):
    spec = fmt.question(key)
    if column:
        spec = spec.column(column)
    return spec.kind.localized(spec, code)


def _typed_number(text: str, language: str) -> str:
    return format_decimal(Decimal(text), locale=language, decimal_quantization=False)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unchanged_workbook_changes_nothing(tiny_filled, language):
    """Every stored answer reads back exactly: the round trip is lossless."""
    _fmt, incoming, changes = _upload(tiny_filled, _download(tiny_filled, language))
    assert changes == []
    assert "art1.exports" in incoming and "art2.share" in incoming


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_kind_filled_in_excel_is_saved(tiny_filled, language):
    report = tiny_filled
    fmt = report_format(report)
    with force_locale(language):
        yes, answer_state = _label(fmt, "art1.mining", "yes"), str(STATE_LABELS["value"])
        values = {
            "art1.mining": {Col.ANSWER: f"  {yes.upper()} "},
            "art1.mining.tonnes": {Col.ANSWER: _typed_number("98.25", language)},
            "art1.plan": {Col.STATE: answer_state, Col.ANSWER: _label(fmt, "art1.plan", "yes")},
            "art1.colour": {Col.ANSWER: _label(fmt, "art1.colour", "blue")},
            "art1.colours": {
                Col.ANSWER: "\n".join(
                    [_label(fmt, "art1.colours", "green"), _label(fmt, "art1.colours", "red")]
                )
            },
            "art1.note": {Col.ANSWER: "Nouveau"},
            "art1.long": {Col.ANSWER: "Line one\nLine two"},
            "art1.count": {Col.ANSWER: 17, Col.COMMENT: "Revised"},
            "art1.year": {Col.ANSWER: "2031"},
            "art1.country": {Col.ANSWER: country_name("BRA", language)},
            "art1.email": {Col.ANSWER: "new.focal@example.org"},
            "art1.url": {Col.ANSWER: "https://example.org/new"},
            "art1.details": {Col.ANSWER: "Details"},
            "about.start": {Col.ANSWER: datetime(2097, 1, 15)},
            "about.end": {Col.ANSWER: int(to_excel(date(2098, 12, 31)))},
            "art2.share": {Col.ANSWER: _typed_number("33.3", language) + " %"},
        }
        tables = {
            "art1.exports": [
                {
                    "country": country_name("IND", language),
                    "quantity": 7.5,
                    "consent": _label(fmt, "art1.exports", "yes", "consent"),
                }
            ]
        }
    data = _fill(_download(report, language), language, fmt, values, tables)
    fmt, incoming, changes = _upload(report, data)
    assert not [c for c in changes if c.problems or c.conflict], [
        (c.key, c.problems) for c in changes if c.problems or c.conflict
    ]
    lock = report.lock_version
    apply_changes(
        report, fmt, incoming, {c.key: c.seen for c in changes}, focal_point_of(report.party)
    )
    _db.session.commit()
    assert report.lock_version == lock + 1
    stored = {k: a["value"] for k, a in load_answers(report, fmt).items()}
    assert stored["art1.mining"] == "yes"
    assert stored["art1.mining.tonnes"] == Decimal("98.25")
    assert stored["art1.plan"] == "yes"
    assert stored["art1.colour"] == "blue"
    assert stored["art1.colours"] == ["red", "green"]
    assert stored["art1.note"] == "Nouveau"
    assert stored["art1.long"] == "Line one\nLine two"
    assert stored["art1.count"] == 17
    assert load_answers(report, fmt)["art1.count"]["comment"] == "Revised"
    assert stored["art1.year"] == 2031
    assert stored["art1.country"] == "BRA"
    assert stored["art1.email"] == "new.focal@example.org"
    assert stored["art1.url"] == "https://example.org/new"
    assert stored["about.start"] == date(2097, 1, 15)
    assert stored["about.end"] == date(2098, 12, 31)
    assert stored["art2.share"] == Decimal("33.3")
    assert stored["art1.exports"] == [
        {"country": "IND", "quantity": Decimal("7.5"), "consent": "yes"}
    ]
    # Downloaded again, the workbook holds what was saved: nothing more to change.
    assert _upload(report, _download(report, language))[2] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_minamata_report_round_trips(request_ctx, full_cycle, language):
    """The real format (every kind it uses, its tables), with sample answers."""
    p = party("KEN")
    report = filled_report(p, full_cycle, focal_point_of(p), seed=7)
    _db.session.flush()
    _fmt, incoming, changes = _upload(report, _download(report, language))
    assert changes == [], [(c.key, c.current, c.new) for c in changes]
    assert len(incoming) > 50


def test_a_blank_workbook_fills_an_empty_report(request_ctx, tiny_cycle):
    p = party("MEX")
    from reporting.reports import workflow

    report = workflow.start_report(p, tiny_cycle, focal_point_of(p), carry_over=False)
    _db.session.flush()
    with force_locale("fr"):
        data = blank_workbook(tiny_cycle, p)
    fmt = report_format(report)
    data = _fill(data, "fr", fmt, {"art1.count": {Col.ANSWER: "12"}}, {})
    fmt, incoming, changes = _upload(report, data)
    assert [c.key for c in changes] == ["art1.count"]
    apply_changes(report, fmt, incoming, {c.key: c.seen for c in changes}, focal_point_of(p))
    assert load_answers(report, fmt)["art1.count"]["value"] == 12
