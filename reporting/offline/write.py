"""Writing a report's offline workbook (or a blank one per cycle), for colleagues in other
ministries to fill in Excel and for the focal point to upload again (`offline.read`).

The workbook follows `offline.layout`: a visible "Read me" sheet first, one protected
sheet per page of the report (an article, or a part), hidden keys and fingerprints, a
hidden sheet of facts signed for this ORT instance, and a hidden sheet of the drop-down
lists. Texts are in the current locale: callers wrap the call in `force_locale`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from datetime import UTC, datetime

from flask_babel import get_locale
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from forms.questionnaire import fingerprint, stored_payload

from ..attachments import attachments_by_token
from ..i18n import text_direction
from ..models import Party, Report, ReportingCycle
from ..questionnaire.definition import Format, Question
from ..questionnaire.registry import get_format
from ..questionnaire.states import VALUE
from ..questionnaire.translate import qt
from ..reports.answers import load_answers
from ..reports.present import column_heading, unit_label
from ..web.pages import Page, report_pages
from . import layout
from .cells import (
    Check,
    cell_text,
    cell_value,
    check,
    number_format,
    option_labels,
    state_labels,
)
from .cover import write_facts, write_readme
from .layout import Col

#: The media type of an XLSX workbook.
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Rows left for new entries below a table's rows (never beyond its most rows).
ROOM_FOR_ROWS = 10
#: The hidden sheet of drop-down lists (one column per list).
LISTS_SHEET = "_lists"
_SHEET_NAME_LIMIT = 31
_FORBIDDEN_IN_NAMES = re.compile(r"[\[\]:*?/\\]")

_GREY = PatternFill("solid", fgColor="E7E6E6")
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_OPEN = Protection(locked=False)
_WRAP = Alignment(wrap_text=True, vertical="top")
_WIDTHS = {
    Col.NUMBER: 9,
    Col.QUESTION: 55,
    Col.HELP: 40,
    Col.UNIT: 9,
    Col.STATE: 24,
    Col.ANSWER: 34,
    Col.COMMENT: 30,
}


class UnknownPages(ValueError):
    """Page keys that are no page of the report (or cycle)."""

    def __init__(self, keys: list[str]):
        super().__init__(" ".join(keys))
        self.keys = keys


def chosen_pages(all_pages: tuple[Page, ...], keys: Iterable[str] | None) -> list[Page]:
    """The pages of `keys` in the report's order (every page for None or none given);
    raises `UnknownPages` for keys that name no page."""
    wanted = [k for k in (keys or ()) if k]
    if not wanted:
        return list(all_pages)
    known = {p.key for p in all_pages}
    unknown = [k for k in wanted if k not in known]
    if unknown:
        raise UnknownPages(unknown)
    return [p for p in all_pages if p.key in set(wanted)]


def sheet_name(title: str, fallback: str, taken: set[str]) -> str:
    """A valid sheet name not in `taken` (casefolded names, to which it is added): Excel's
    forbidden characters removed, at most 31 characters, `fallback` for an empty title."""
    base = _FORBIDDEN_IN_NAMES.sub("", title).strip().strip("'")[:_SHEET_NAME_LIMIT].strip()
    base = base or fallback[:_SHEET_NAME_LIMIT]
    name, n = base, 1
    while name.casefold() in taken:
        n += 1
        suffix = f" ({n})"
        name = base[: _SHEET_NAME_LIMIT - len(suffix)].rstrip() + suffix
    taken.add(name.casefold())
    return name


def report_workbook(report: Report, pages: Iterable[str] | None = None) -> bytes:
    """The report's workbook, pre-filled with its current answers (`pages`: page keys of
    the report to include, e.g. a ministry's articles; default all)."""
    fmt = get_format(report.cycle.format_id, report.cycle.format_version)
    answers = load_answers(report, fmt)
    tokens = [
        a.get("value")
        for key, a in answers.items()
        if fmt.question(key).kind.attachment and isinstance(a.get("value"), str)
    ]
    writer = _Writer(
        fmt,
        report.cycle,
        report.party,
        chosen_pages(report_pages(fmt, report.cycle.kind), pages),
        answers,
        attachments_by_token(report, tokens),
    )
    return writer.write(report)


def blank_workbook(
    cycle: ReportingCycle, party: Party | None = None, pages: Iterable[str] | None = None
) -> bytes:
    """An empty workbook of the cycle's questionnaire (report "" in its facts); `party`,
    when given, is named in it (a focal point's), else none is."""
    fmt = get_format(cycle.format_id, cycle.format_version)
    writer = _Writer(fmt, cycle, party, chosen_pages(report_pages(fmt, cycle.kind), pages), {}, {})
    return writer.write(None)


class _Writer:
    def __init__(self, fmt: Format, cycle, party, pages: list[Page], answers, attachments):
        self.fmt, self.cycle, self.party, self.pages = fmt, cycle, party, pages
        self.answers, self.attachments = answers, attachments
        self.language = str(get_locale() or "en")
        self.rtl = text_direction(self.language) == "rtl"
        self.wb = Workbook()
        self.lists: dict[tuple[str, ...], str] = {}
        self.names: set[str] = {layout.META_SHEET.casefold(), LISTS_SHEET.casefold()}
        self.tables = 0

    # -- the workbook ------------------------------------------------------------
    def write(self, report: Report | None) -> bytes:
        now = datetime.now(UTC).replace(microsecond=0)
        readme = self.wb.active
        assert readme is not None
        readme.title = self._sheet_name(_("Read me"), "readme")
        self.lists_sheet = self.wb.create_sheet(LISTS_SHEET)
        self.lists_sheet.sheet_state = "veryHidden"
        for page in self.pages:
            self._page_sheet(page)
        self._readme(readme, now)
        self._meta(report, now)
        self.wb.move_sheet(self.lists_sheet, offset=len(self.wb.sheetnames))
        self._protect(self.lists_sheet)
        self.wb.active = 0
        for ws in self.wb.worksheets:
            _no_formulas(ws)
        self.wb.security = WorkbookProtection(lockStructure=True)
        out = io.BytesIO()
        self.wb.save(out)
        return out.getvalue()

    def _sheet_name(self, title: str, fallback: str) -> str:
        return sheet_name(title, fallback, self.names)

    def _protect(self, ws: Worksheet) -> None:
        """No password: the protection keeps the layout from accidents, it is no secret."""
        ws.protection.sheet = True
        if self.rtl:
            ws.sheet_view.rightToLeft = True

    def _meta(self, report: Report | None, now: datetime) -> None:
        ws = self.wb.create_sheet(layout.META_SHEET)
        ws.sheet_state = "veryHidden"
        write_facts(ws, report, self.cycle, self.fmt, self.party, self.pages, now)
        self._protect(ws)

    def _readme(self, ws: Worksheet, now: datetime) -> None:
        write_readme(ws, self.cycle, self.fmt, self.party, now)
        self._protect(ws)

    # -- drop-down lists -----------------------------------------------------------
    def _list_range(self, labels: list[str]) -> str:
        """The address of a list of labels on the hidden lists sheet (each list once)."""
        key = tuple(labels)
        if key not in self.lists:
            column = get_column_letter(len(self.lists) + 1)
            for row, label in enumerate(labels, start=1):
                self.lists_sheet[f"{column}{row}"] = label
            self.lists[key] = f"'{LISTS_SHEET}'!${column}$1:${column}${max(len(labels), 1)}"
        return self.lists[key]

    # -- a page ------------------------------------------------------------------
    def _page_sheet(self, page: Page) -> None:
        ws = self.wb.create_sheet(self._sheet_name(qt(page.title), page.key))
        self.checks: dict = {}
        ws[layout.PAGE_KEY_CELL] = page.key
        title = ws.cell(1, Col.NUMBER, qt(page.title))
        title.font = Font(bold=True, size=13)
        ws.cell(
            2, Col.NUMBER, _("Write in the white cells only. Files: upload them in the browser.")
        )
        for col, heading in (
            (Col.NUMBER, _("No.")),
            (Col.QUESTION, _("Question")),
            (Col.HELP, _("Help")),
            (Col.UNIT, _("Unit")),
            (Col.STATE, _("Kind of answer")),
            (Col.ANSWER, _("Answer")),
            (Col.COMMENT, _("Comment")),
        ):
            cell = ws.cell(layout.FIRST_ROW - 1, col, heading)
            cell.font = Font(bold=True)
            cell.fill = _HEADER_FILL
            cell.alignment = _WRAP
        row = layout.FIRST_ROW
        for section in page.sections:
            questions = page.section_questions(section)
            if len(page.sections) > 1:  # a heading row: no key, skipped by the reader
                ws.cell(row, Col.NUMBER, qt(section.title)).font = Font(bold=True)
                row += 1
            for q in questions:
                row = self._question(ws, q, row)
        for cells, dv in self.checks.values():
            dv.sqref = MultiCellRange(" ".join(cells))
            ws.add_data_validation(dv)
        for col, width in _WIDTHS.items():
            ws.column_dimensions[get_column_letter(col)].width = width
        ws.column_dimensions["A"].hidden = True
        ws.column_dimensions[get_column_letter(Col.ORIGINAL)].hidden = True
        ws.freeze_panes = ws.cell(layout.FIRST_ROW, 1)
        self._protect(ws)

    def _check(self, ws: Worksheet, spec, cell) -> None:
        found = check(spec, self.fmt.limits, self._list_range)
        if found is not None:
            if found not in self.checks:
                self.checks[found] = ([], DataValidation(**found.options()))
            self.checks[found][0].append(cell.coordinate)
        fmt = number_format(spec)
        if fmt:
            cell.number_format = fmt

    def _question(self, ws: Worksheet, q: Question, row: int) -> int:
        """Write a question's row (and its table's rows); the next free row."""
        answer = self.answers.get(q.key) or {}
        state = answer.get("state") or VALUE
        ws.cell(row, Col.KEY, q.key)
        ws.cell(row, Col.NUMBER, q.shown_number)
        ws.cell(row, Col.QUESTION, qt(q.text) + (" *" if q.required else ""))
        ws.cell(row, Col.HELP, self._help(q))
        if q.kind.has_unit:
            ws.cell(row, Col.UNIT, unit_label(q.unit))
        for col in (Col.NUMBER, Col.QUESTION, Col.HELP, Col.UNIT):
            ws.cell(row, col).fill = _GREY
            ws.cell(row, col).alignment = _WRAP
        state_cell = ws.cell(row, Col.STATE)
        if q.allow_states:
            state_cell.protection = _OPEN
            named = state_labels()
            labels = [named[s] for s in q.states]
            found = layout_check_list(self._list_range(labels))
            if found not in self.checks:
                self.checks[found] = ([], DataValidation(**found.options()))
            self.checks[found][0].append(state_cell.coordinate)
            if q.key in self.answers:
                state_cell.value = named.get(state, state)
        else:
            state_cell.fill = _GREY
        comment = ws.cell(row, Col.COMMENT, cell_text(answer.get("comment")))
        comment.protection = _OPEN
        comment.alignment = _WRAP
        ws.cell(row, Col.ORIGINAL, fingerprint(stored_payload(q, self.answers.get(q.key))))
        value = answer.get("value") if state == VALUE else None
        cell = ws.cell(row, Col.ANSWER)
        cell.alignment = _WRAP
        if q.kind.tabular:
            cell.fill = _GREY
            cell.value = _("See the table below.")
            return self._table(ws, q, value, row + 1)
        cell.value = cell_value(q, value, self.attachments)
        if q.kind.attachment:
            cell.fill = _GREY
        else:
            cell.protection = _OPEN
            self._check(ws, q, cell)
        return row + 1

    def _help(self, q: Question) -> str:
        parts = [qt(q.help)] if q.help else []
        if q.kind.multiple:
            parts.append(
                _(
                    "Options (separate several with “; ”): %(options)s",
                    options="; ".join(option_labels(q)),
                )
            )
        if q.kind.attachment:
            parts.append(_("Upload files in the browser."))
        return "\n".join(parts)

    def _table(self, ws: Worksheet, q: Question, value, row: int) -> int:
        """A table's column-keys row (hidden), header row and rows, as an Excel table."""
        rows = [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []
        most = q.max_rows or self.fmt.limits.table_rows
        count = max(len(rows), min(len(rows) + ROOM_FOR_ROWS, most), 1)
        ws.cell(row, Col.KEY, layout.column_key_row(q.key))
        ws.row_dimensions[row].hidden = True
        header = row + 1
        ws.cell(header, Col.KEY, layout.table_header_key(q.key))
        seen: set[str] = set()
        for i, column in enumerate(q.columns):
            col = Col.FIRST_CELL + i
            ws.cell(row, col, column.key)
            heading = column_heading(column)
            while heading.casefold() in seen:  # an Excel table's headings are unique
                heading += " "
            seen.add(heading.casefold())
            cell = ws.cell(header, col, heading)
            cell.font = Font(bold=True)
            cell.alignment = _WRAP
        for n in range(1, count + 1):
            r = header + n
            ws.cell(r, Col.KEY, layout.table_row_key(q.key, n))
            data = rows[n - 1] if n <= len(rows) else {}
            for i, column in enumerate(q.columns):
                cell = ws.cell(r, Col.FIRST_CELL + i, cell_value(column, data.get(column.key)))
                cell.protection = _OPEN
                cell.alignment = _WRAP
                self._check(ws, column, cell)
        self.tables += 1
        first = get_column_letter(Col.FIRST_CELL)
        last = get_column_letter(Col.FIRST_CELL + max(len(q.columns), 1) - 1)
        table = Table(
            displayName=f"ort_table_{self.tables}",
            ref=f"{first}{header}:{last}{header + count}",
        )
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        ws.add_table(table)
        return header + count + 1


def _no_formulas(ws: Worksheet) -> None:
    """Text that starts with "=" (an answer, a comment) stays text: the workbook holds no
    formula, so opening it never computes anything someone typed."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def layout_check_list(address: str) -> Check:
    """The drop-down of an answer's kinds (a value, or a state instead of one)."""
    return Check("list", address, error=_("Choose one of the listed options."))
