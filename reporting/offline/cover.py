"""The workbook's cover: the visible "Read me" sheet (what the workbook is, how to fill
it in) and the hidden facts sheet the reader checks (`layout.META_FIELDS`)."""

from __future__ import annotations

from datetime import datetime

from babel import Locale
from flask_babel import get_locale
from flask_babel import gettext as _
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from ..questionnaire.definition import Format
from ..questionnaire.report_kinds import kind_name
from ..questionnaire.translate import qt
from . import layout

_WRAP = Alignment(wrap_text=True, vertical="top")


def write_facts(ws: Worksheet, report, cycle, fmt: Format, party, pages, now: datetime) -> None:
    """One `name | value` row per META field; a blank workbook has no report (empty
    cells: openpyxl reads them back as None), and a Party only when one is given."""
    iso3 = party.iso3 if party is not None else None
    values = {
        "marker": layout.MARKER,
        "layout": layout.LAYOUT_VERSION,
        "token": layout.sign(
            report_id=report.id if report else None,
            cycle=cycle.code,
            party=iso3,
            version=fmt.version,
        ),
        "report": report.id if report else "",
        "party": iso3 or "",
        "cycle": cycle.code,
        "format": fmt.id,
        "version": fmt.version,
        "lock_version": report.lock_version if report else "",
        "language": str(get_locale() or "en"),
        "pages": " ".join(p.key for p in pages),
        "generated": now.isoformat(),
    }
    for row, name in enumerate(layout.META_FIELDS, start=1):
        ws.cell(row, 1, name)
        ws.cell(row, 2, values[name])


def write_readme(ws: Worksheet, cycle, fmt: Format, party, now: datetime) -> None:
    """What the workbook is for (Party, cycle, format, language, time) and how to fill it."""
    language = str(get_locale() or "en")
    locale = Locale.parse(language)
    kind = kind_name(fmt, cycle.kind)
    facts = [
        (_("Party"), party.display_name if party is not None else "—"),
        (_("Reporting cycle"), _("%(kind)s %(year)d", kind=kind, year=cycle.year)),
        (_("Report kind"), kind),
        (_("Format"), f"{qt(fmt.title)} ({fmt.version})"),
        (_("Language"), locale.get_display_name(locale) or language),
        (_("Downloaded at"), now.strftime("%Y-%m-%d %H:%M UTC")),
    ]
    ws.cell(1, 1, _("Offline workbook")).font = Font(bold=True, size=14)
    row = 3
    for label, value in facts:
        ws.cell(row, 1, label).font = Font(bold=True)
        ws.cell(row, 2, value)
        row += 1
    row += 1
    ws.cell(row, 1, _("How to fill in this workbook")).font = Font(bold=True, size=12)
    for line in (
        _("Each sheet is one article (or part) of the report; each row one question."),
        _(
            "Write answers only in the white columns (kind of answer, answer, comment); "
            "do not change the grey columns."
        ),
        _("Use the drop-down lists where a cell offers one."),
        _(
            "Where several options may be chosen, write their names separated by "
            "semicolons (;), as listed in the help column."
        ),
        _("Tables: fill in the empty rows below a table's heading."),
        _("Files cannot be attached here: upload them in the browser."),
        _(
            "When done, upload the workbook on the report's “Work offline” page: you "
            "will see every change before anything is saved."
        ),
    ):
        row += 1
        ws.cell(row, 1, "•")
        ws.cell(row, 2, line).alignment = _WRAP
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 90
