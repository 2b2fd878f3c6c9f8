"""Offline workbooks built in tests with openpyxl, following `reporting.offline.layout`
(independent of the writer, so that the reader is tested against the contract itself)."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from flask_babel import force_locale
from openpyxl import Workbook

from forms.questionnaire import fingerprint, stored_payload
from reporting.offline import layout
from reporting.offline.layout import Col
from reporting.reports.answers import load_answers
from reporting.reports.workflow import report_format
from reporting.web.pages import report_pages


class Book:
    """A report's workbook as downloaded now (or a blank one of its cycle): one sheet per
    page, one row per question with the fingerprint of its stored answer; `answer` and
    `table` fill it in as a person would in Excel."""

    def __init__(self, report, *, language="en", blank=False, pages=None, token=None):
        self.report = report
        self.fmt = report_format(report)
        self.wb = Workbook()
        self.rows: dict[str, tuple] = {}  # key -> (sheet, row)
        stored = {} if blank else load_answers(report, self.fmt)
        meta = self.wb.active
        meta.title = layout.META_SHEET
        chosen = [
            p for p in report_pages(self.fmt, report.cycle.kind) if pages is None or p.key in pages
        ]
        values = {
            "marker": layout.MARKER,
            "layout": layout.LAYOUT_VERSION,
            "token": token
            if token is not None
            else layout.sign(
                report_id=None if blank else report.id,
                cycle=report.cycle.code,
                party=None if blank else report.party.iso3,
                version=report.cycle.format_version,
            ),
            "report": "" if blank else report.id,
            "party": "" if blank else report.party.iso3,
            "cycle": report.cycle.code,
            "format": report.cycle.format_id,
            "version": report.cycle.format_version,
            "lock_version": report.lock_version,
            "language": language,
            "pages": " ".join(p.key for p in chosen),
            "generated": datetime.now(UTC).isoformat(),
        }
        for index, name in enumerate(layout.META_FIELDS, start=1):
            meta.cell(index, 1, name)
            meta.cell(index, 2, values[name])
        meta.sheet_state = "hidden"
        for page in chosen:
            sheet = self.wb.create_sheet(page.key[:31])
            sheet[layout.PAGE_KEY_CELL] = page.key
            sheet.cell(2, Col.NUMBER, page.title)
            row = layout.FIRST_ROW
            for q in page.questions:
                answer = stored.get(q.key)
                sheet.cell(row, Col.KEY, q.key)
                sheet.cell(row, Col.NUMBER, q.shown_number)
                sheet.cell(row, Col.QUESTION, q.text)
                if not blank:
                    sheet.cell(row, Col.ORIGINAL, fingerprint(stored_payload(q, answer)))
                    with force_locale(language):
                        _prefill(sheet, row, q, answer)
                self.rows[q.key] = (sheet, row)
                row += 1
                if q.kind.tabular:
                    sheet.cell(row, Col.KEY, layout.column_key_row(q.key))
                    for i, column in enumerate(q.columns):
                        sheet.cell(row, Col.FIRST_CELL + i, column.key)
                    sheet.cell(row + 1, Col.KEY, layout.table_header_key(q.key))
                    for i, column in enumerate(q.columns):
                        sheet.cell(row + 1, Col.FIRST_CELL + i, column.label)
                    row += 2
                    stored_rows = (answer or {}).get("value") if not blank else None
                    for n in range(1, 6):
                        sheet.cell(row, Col.KEY, layout.table_row_key(q.key, n))
                        if isinstance(stored_rows, list) and n <= len(stored_rows):
                            with force_locale(language):
                                for i, column in enumerate(q.columns):
                                    value = stored_rows[n - 1].get(column.key)
                                    text = column.kind.form_data(column, value)
                                    sheet.cell(row, Col.FIRST_CELL + i, text or None)
                        self.rows[layout.table_row_key(q.key, n)] = (sheet, row)
                        row += 1

    def sheet_of(self, key):
        return self.rows[key][0]

    def row_of(self, key):
        return self.rows[key][1]

    def answer(self, key, value=None, *, state=None, comment=None):
        sheet, row = self.rows[key]
        sheet.cell(row, Col.ANSWER).value = value
        if state is not None:
            sheet.cell(row, Col.STATE, state)
        if comment is not None:
            sheet.cell(row, Col.COMMENT, comment)
        return self

    def table(self, key, rows: list[dict]):
        q = self.fmt.question(key)
        for n, values in enumerate(rows, start=1):
            sheet, row = self.rows[layout.table_row_key(key, n)]
            for i, column in enumerate(q.columns):
                sheet.cell(row, Col.FIRST_CELL + i).value = values.get(column.key)
        return self

    def meta(self, name, value):
        self.wb[layout.META_SHEET].cell(layout.META_FIELDS.index(name) + 1, 2, value)
        return self

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.wb.save(out)
        return out.getvalue()


def _prefill(sheet, row, q, answer) -> None:
    """The stored answer, as the writer puts it: codes, canonical text, states by code."""
    if not answer or q.kind.attachment:
        return
    if answer.get("state") not in (None, "value"):
        sheet.cell(row, Col.STATE, answer["state"])
    elif not q.kind.tabular:
        data = q.kind.form_data(q, answer.get("value"))
        text = "; ".join(data) if isinstance(data, list) else data
        sheet.cell(row, Col.ANSWER, text or None)
    if answer.get("comment"):
        sheet.cell(row, Col.COMMENT, answer["comment"])
