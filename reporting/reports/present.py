"""The one presenter of answers: an answer as text for people, in the current locale.

Every page (the focal point's versions and receipts, the secretariat's review, the public
Party pages), every PDF and the exports' label columns print answers through here, so
that one answer reads the same everywhere: numbers with the locale's signs and the
unit's translated symbol ("1 234,5 t" in French), dates in words, options by their
translated labels, files by name, answer states in words.

Right-to-left text: each value is wrapped in Unicode bidi isolates (FSI ... PDI), so a
number, an e-mail address, a phone number, a web address, a code or a date keeps its
order inside Arabic text (a phone number "+962 6 000 0000" beside an Arabic label or
unit). Browsers apply the isolates as they are; PDFs turn them into embeddings for their
reordering (`reporting.pdf.text`); exports and other plain text drop them (`plain`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask_babel import gettext as _

from ..questionnaire.kinds.number import UNIT_NAMES, UNITS
from ..questionnaire.states import STATE_LABELS, VALUE, state_label  # noqa: F401  (the one list)
from ..questionnaire.translate import qt

if TYPE_CHECKING:
    from ..models import Attachment


#: First strong isolate and pop directional isolate (Unicode bidi, UAX #9).
FSI, PDI = "\u2068", "\u2069"
_ISOLATES = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))


def isolate(text: str) -> str:
    """Text that keeps its own direction inside text of the other direction (isolates
    typed into the text itself are dropped, so that every isolate is balanced)."""
    return f"{FSI}{text.translate(_ISOLATES)}{PDI}" if text else ""


def plain(text: str) -> str:
    """Presented text without its isolates (exports, CSV, e-mails)."""
    return text.translate(_ISOLATES)


def unit_label(unit: str | None) -> str:
    """A unit's symbol in the current language ("t", "т", "طن")."""
    return str(UNITS.get(unit, unit)) if unit else ""


def unit_name(unit: str | None) -> str:
    """A unit's name in words, for screen readers ("metric tonnes")."""
    return str(UNIT_NAMES.get(unit, unit)) if unit else ""


def column_heading(column) -> str:
    """A table column's heading with its unit: "Quantity (t)". Cells then show no unit."""
    label, unit = qt(column.label), unit_label(column.unit)
    return _("%(label)s (%(unit)s)", label=label, unit=unit) if unit else label


def is_unanswered(spec, answer: dict | None) -> bool:
    return answer is None or (
        answer.get("state", VALUE) == VALUE and spec.kind.is_empty(answer.get("value"))
    )


def kept_as_typed(spec, value) -> bool:
    """Is the value input kept as typed (a draft's invalid value, or a snapshot value of
    an older format that no longer loads) rather than a value of the kind?"""
    return isinstance(value, str) and spec.kind.storage != "text"


def option_labels(spec, value) -> list[str]:
    """A multiple choice's chosen options by their labels, in the order the question lists
    them (as the exports do); codes it does not list come last."""
    if not isinstance(value, list):
        return [value_text(spec, value)]
    codes = spec.kind.codes(spec)
    chosen = sorted(value, key=lambda code: codes.index(code) if code in codes else len(codes))
    return [isolate(spec.kind.localized(spec, code)) for code in chosen]


def value_text(spec, value, *, with_unit: bool = True, attachments: dict | None = None) -> str:
    """One value (of a question or a table cell) as text in the current language.

    Input kept as typed is shown exactly as typed. A file answer is its file's name (when
    `attachments`, the report's files by token, knows it). Table cells leave the unit to
    their column's heading (`with_unit=False`).
    """
    kind = spec.kind
    if kind.is_empty(value):
        return ""
    if kept_as_typed(spec, value):
        return isolate(value)
    if kind.attachment:
        attachment = (attachments or {}).get(value)
        return isolate(attachment.filename if attachment else str(value))
    if kind.multiple and isinstance(value, list):
        return "; ".join(option_labels(spec, value))
    text = isolate(kind.localized(spec, value))
    unit = unit_label(getattr(spec, "unit", None)) if with_unit and kind.has_unit else ""
    return f"{text} {unit}" if unit else text


@dataclass(frozen=True)
class Presented:
    """One answer for people. `state` is the word for an answer state other than a
    value; `lines` the chosen options of a multiple choice; `columns` and `rows` a
    table's headings and cells."""

    text: str = ""
    state: str | None = None
    lines: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    tabular: bool = False
    #: The file of a file answer, for a download link.
    attachment: Attachment | None = None
    confidential: bool = False
    comment: str | None = None
    #: Input kept as typed: invalid, to be corrected before submission (drafts only).
    invalid: bool = False
    carried_over: bool = False

    @property
    def empty(self) -> bool:
        return not (self.text or self.state or self.rows or self.comment)

    def row_lines(self) -> list[str]:
        """A table as one line per row ("Heading: cell; Heading: cell"), for narrow places
        (a cell of the public Party page)."""
        lines = (
            "; ".join(f"{heading}: {cell}" for heading, cell in zip(self.columns, row) if cell)
            for row in self.rows
        )
        return [line for line in lines if line]


def present(question, answer: dict | None, attachments: dict | None = None) -> Presented:
    """An answer of `question` (typed, as `reporting.reports.reading` gives it) for people;
    an empty `Presented` for no answer."""
    if not answer:
        return Presented()
    marks = dict(
        confidential=bool(answer.get("confidential")),
        comment=answer.get("comment"),
        invalid=bool(answer.get("invalid")),
        carried_over=bool(answer.get("carried_over")),
        tabular=question.kind.tabular,
    )
    state = answer.get("state") or VALUE
    if state != VALUE:
        return Presented(state=state_label(state), **marks)
    value = answer.get("value")
    kind = question.kind
    if kind.tabular:
        rows = value if isinstance(value, list) else []
        return Presented(
            columns=tuple(column_heading(c) for c in question.columns),
            rows=tuple(
                tuple(
                    value_text(c, row.get(c.key), with_unit=False, attachments=attachments)
                    for c in question.columns
                )
                for row in rows
                if isinstance(row, dict)
            ),
            text="" if isinstance(value, list) or value is None else isolate(str(value)),
            **marks,
        )
    text = value_text(question, value, attachments=attachments)
    lines = (
        tuple(option_labels(question, value)) if kind.multiple and isinstance(value, list) else ()
    )
    attachment = (
        (attachments or {}).get(value) if kind.attachment and isinstance(value, str) else None
    )
    return Presented(text=text, lines=lines, attachment=attachment, **marks)
