"""A workbook cell's value as the web form's field would receive it, asked of the kind.

The reader's half of `offline.cells`: what the writer puts in a cell (a choice by its
translated label, a number as a number, a date as a date, a country by its name) and what
people type instead (a code, a number as text with the language's decimal sign, a date as
text or as an Excel serial number, several choices separated by ";" or line breaks) both
become the text the kind's `form_value` parses, in the current (the workbook's) language.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from babel.dates import parse_date
from flask_babel import get_locale
from openpyxl.utils.datetime import from_excel

from ..questionnaire.definition import Question
from ..questionnaire.states import STATE_LABELS, STATES, VALUE
from .cells import state_labels


def state_code(q: Question, value) -> str:
    """An answer state from its label (or code) in the workbook's language; a blank or
    "Answer" is a value. An unknown word is kept, for validation to report it."""
    typed = stripped(value)
    if typed is None or not q.allow_states:
        return VALUE
    words = {label.strip().casefold(): code for code, label in state_labels().items()}
    words.update({str(label).casefold(): code for code, label in STATE_LABELS.items()})
    words.update({code.casefold(): code for code in STATES})
    return words.get(typed.casefold(), typed)


def comment_text(value) -> str | None:
    text = cell_as_text(value).replace("\r\n", "\n").strip()
    return text or None


def form_data(spec, value):
    """What the web form's field of `spec` (a question or a table column) would receive
    for a cell's value, in the current (the workbook's) language."""
    kind = spec.kind
    if value is None or (isinstance(value, str) and not value.strip()):
        return [] if kind.multiple else ""
    if kind.multiple:
        parts = str(value).replace("\r", "\n").replace(";", "\n").split("\n")
        return [_code(spec, p) for p in parts if p.strip()]
    if kind.coded:
        return _code(spec, cell_as_text(value))
    if kind.storage == "date":
        return _date_text(value)
    if kind.storage == "number":
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, (int, float, Decimal)):
            number = _decimal(value)
            return kind.form_data(spec, number) if number is not None else str(value)
        return str(value)
    return cell_as_text(value)


def _code(spec, text: str) -> str:
    """An option's code from its code or its label (trimmed, any case); else as typed."""
    text = text.strip()
    wanted = text.casefold()
    for code in spec.kind.codes(spec):
        if wanted in (code.casefold(), spec.kind.localized(spec, code).strip().casefold()):
            return code
    return text


def _decimal(value) -> Decimal | None:
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite():
        return None
    return number.quantize(Decimal(1)) if number == number.to_integral_value() else number


#: Excel's serial numbers of plausible dates (1900-01-01 to 9999-12-31).
_SERIALS = (1, 2_958_465)


def _date_text(value) -> str:
    """A date as ISO text (YYYY-MM-DD) from an Excel date, a serial number or text in ISO
    or the language's own format; anything else as typed (validation reports it)."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if _SERIALS[0] <= value <= _SERIALS[1]:
            moment = from_excel(value)
            if isinstance(moment, datetime):
                return moment.date().isoformat()
            if isinstance(moment, timedelta):
                return str(value)
        return str(value)
    text = cell_as_text(value).strip()
    try:
        return date.fromisoformat(text[:10]).isoformat() if len(text) in (10, 19) else text
    except ValueError:
        pass
    for style in ("short", "medium"):
        try:
            parsed = parse_date(text, locale=str(get_locale() or "en"), format=style)
        except (ValueError, IndexError, TypeError):
            continue
        if 1000 <= parsed.year <= 9999:
            return parsed.isoformat()
    return text


def cell_as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def stripped(value) -> str | None:
    """A cell as stripped text (None if blank); whole floats without ".0"."""
    return cell_as_text(value).strip() or None
