"""What a workbook cell holds for one value, and the Excel check on it, asked of the kind.

The writer puts in a cell what the reader can parse back with the kind's own form
parsing: a choice by its translated label, a number as a number, a date as a date, a
country by its name, text as text; input kept as typed (an invalid draft value) as the
text it was typed as.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from forms.questionnaire import STATE_LABELS

from ..questionnaire.kinds.number import LARGEST
from ..questionnaire.states import STATES
from ..reports.present import kept_as_typed

#: Excel's dates as serial numbers: 1900-01-01 and 9999-12-31.
FIRST_DATE, LAST_DATE = 1, 2958465
#: The number format of a date cell (ISO order, read the same in every language).
DATE_FORMAT = "yyyy-mm-dd"
#: Excel's limits on a data validation's message and title.
_MESSAGE_LIMIT, _TITLE_LIMIT = 255, 32


@dataclass(frozen=True)
class Check:
    """An Excel data validation: its type and formulas (hashable: cells share one)."""

    type: str  # list, whole, decimal, date, textLength
    formula1: str
    formula2: str | None = None
    operator: str | None = None
    error: str = ""

    def options(self) -> dict:
        options = {
            "type": self.type,
            "formula1": self.formula1,
            "allow_blank": True,
            "showErrorMessage": True,
            "errorTitle": _("Not valid")[:_TITLE_LIMIT],
            "error": self.error[:_MESSAGE_LIMIT],
        }
        if self.formula2 is not None:
            options["formula2"] = self.formula2
        if self.operator is not None:
            options["operator"] = self.operator
        return options


def option_labels(spec) -> list[str]:
    """The translated labels of a coded question's (or column's) options, in order."""
    return [spec.kind.localized(spec, code) for code in spec.kind.codes(spec)]


def state_labels() -> dict[str, str]:
    """The label written for each answer state (a value, or one instead of it), in the
    current locale: the drop-down of a question's STATE cell offers those it allows."""
    return {state: str(STATE_LABELS[state]) for state in STATES}


def cell_text(text: str | None) -> str | None:
    """Text a cell can hold: the control characters XML refuses (a vertical tab pasted
    from a word processor) dropped, so that no stored answer can break the download."""
    return ILLEGAL_CHARACTERS_RE.sub("", text) if isinstance(text, str) else text


def cell_value(spec, value, attachments: dict | None = None):
    """The cell's content for a stored value (None for no value)."""
    written = _cell_value(spec, value, attachments)
    return cell_text(written) if isinstance(written, str) else written


def _cell_value(spec, value, attachments: dict | None):
    kind = spec.kind
    if kind.is_empty(value):
        return None
    if kept_as_typed(spec, value):
        return value
    if kind.attachment:
        found = (attachments or {}).get(value)
        return found.filename if found is not None else str(value)
    if kind.multiple and isinstance(value, list):
        codes = kind.codes(spec)
        chosen = sorted(value, key=lambda c: codes.index(c) if c in codes else len(codes))
        return "; ".join(kind.localized(spec, code) for code in chosen)
    if kind.storage in ("number", "date"):
        return value
    return kind.localized(spec, value)


def number_format(spec) -> str | None:
    """The cell's number format: dates as dates; numbers and text as Excel shows them."""
    return DATE_FORMAT if spec.kind.storage == "date" else None


def check(spec, limits, list_range) -> Check | None:
    """The data validation of a value of `spec`; `list_range(labels)` gives the address
    of a list of labels (on the hidden lists sheet). None where Excel cannot check the
    value (several choices, a file, a country, an address)."""
    kind = spec.kind
    if kind.coded and not kind.multiple:
        return Check(
            "list", list_range(option_labels(spec)), error=_("Choose one of the listed options.")
        )
    if kind.storage == "number":
        low = spec.min if spec.min is not None else getattr(kind, "lowest", None)
        high = spec.max if spec.max is not None else getattr(kind, "highest", None)
        whole = kind.export_type == "integer"
        error = _number_error(spec, low, high, whole)
        return Check(
            "whole" if whole else "decimal",
            _number(low, -(10**15)),
            _number(high, 10**15),
            "between",
            error,
        )
    if kind.storage == "date":
        return Check(
            "date", str(FIRST_DATE), str(LAST_DATE), "between", _("Enter a date as YYYY-MM-DD.")
        )
    if kind.storage == "text" and not kind.attachment:
        maximum = getattr(spec, "max_length", None) or kind.default_max_length(limits)
        if maximum:
            return Check(
                "textLength",
                str(maximum),
                operator="lessThanOrEqual",
                error=_("Use at most {max} characters.").format(max=maximum),
            )
    return None


def _number_error(spec, low, high, whole: bool) -> str:
    """The message of a number out of range, in the words of the kind's own checks."""
    if spec.min is not None and spec.max is None:
        return _("Enter a number of at least {min}.").format(min=spec.min)
    if spec.max is not None and spec.min is None:
        return _("Enter a number of at most {max}.").format(max=spec.max)
    if low is not None and high is not None and (low, high) != (-LARGEST, LARGEST):
        return _("Enter a number from {min} to {max}.").format(min=low, max=high)
    return _("Enter a whole number.") if whole else _("Enter a number, e.g. 12.5.")


def _number(value, default) -> str:
    return str(default if value is None else value)
