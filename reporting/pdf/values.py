"""Answers as text for people: values in the reader's language, states in words.

Both sources of a PDF end up in the same shape, `{question_key: {"state", "value",
"confidential", "comment", ...}}` with parsed values: a submitted version (JSON with
decimals as strings and ISO dates, parsed back with each kind's Marshmallow field) and
the current draft (`load_answers`, where invalid input is kept as typed, as a string).
"""
from __future__ import annotations

from decimal import Decimal

from flask_babel import gettext as _
from marshmallow import ValidationError

from ..questionnaire.definition import Format
from ..questionnaire.kinds.number import UNITS
from ..questionnaire.translate import qt


def parse_submitted(fmt: Format, answers: dict[str, dict]) -> dict[str, dict]:
    """A submission's JSON answers with values parsed back into Python values."""
    parsed = {}
    for key, answer in answers.items():
        if not fmt.has_question(key):
            continue
        q = fmt.question(key)
        value = answer.get("value")
        if value is not None:
            try:
                value = q.kind.field(q).deserialize(value)
            except ValidationError:
                pass  # shown as stored: a snapshot is never altered for display
        parsed[key] = {**answer, "value": value}
    return parsed


def is_unanswered(spec, answer: dict | None) -> bool:
    return (answer is None or (answer.get("state", "value") == "value"
                               and spec.kind.is_empty(answer.get("value"))))


def unit_label(unit: str | None) -> str:
    return str(UNITS.get(unit, unit)) if unit else ""


def value_text(spec, value, *, with_unit: bool = True) -> str:
    """One value (of a question or a table cell) as text in the current language.

    A string where the kind stores something else is input kept as typed (a draft's
    invalid value): it is shown exactly as typed. Table cells leave the unit to the
    column heading (`with_unit=False`).
    """
    kind = spec.kind
    if value is None:
        return ""
    if isinstance(value, str) and kind.storage != "text":
        return value
    text = kind.localized(spec, value)
    if with_unit and kind.has_unit and isinstance(value, (int, Decimal)):
        return f"{text} {unit_label(spec.unit)}".strip()
    return text


def choice_lines(spec, value) -> list[str]:
    """A multiple choice's chosen options, one per line."""
    if isinstance(value, list):
        return [qt(spec.kind.label(spec, code)) for code in value]
    return [value_text(spec, value)]


def column_heading(column) -> str:
    label = qt(column.label)
    unit = unit_label(column.unit)
    return _("%(label)s (%(unit)s)", label=label, unit=unit) if unit else label
