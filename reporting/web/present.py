"""Answers as people read them: in the user's language, tables as rows, states named.

Used by the version comparison, the receipt and the conflict notes of a page. Values come
either from a submission's snapshot (JSON, parsed back through the answer schema) or
from the stored draft (typed values, or raw text kept as typed).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from marshmallow import ValidationError

from forms.questionnaire import STATE_LABELS, VALUE

from ..questionnaire.kinds.number import UNITS
from ..questionnaire.report_schema import answer_schema
from ..questionnaire.translate import qt


@dataclass
class AnswerText:
    """One answer for display; `rows` holds a table's cells (display strings)."""

    text: str = ""
    state: str | None = None
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    confidential: bool = False
    comment: str | None = None
    is_table: bool = False
    #: The file of a file answer (an `Attachment`), shown with a download link.
    attachment: object | None = None

    @property
    def empty(self) -> bool:
        return not (self.text or self.state or self.rows or self.comment)


def changed_cells(before: AnswerText, after: AnswerText) -> set[tuple[int, int]]:
    """The (row, column) cells of two tables that differ, rows added or removed included."""
    cells = set()
    for row in range(max(len(before.rows), len(after.rows))):
        old = before.rows[row] if row < len(before.rows) else []
        new = after.rows[row] if row < len(after.rows) else []
        for column in range(max(len(old), len(new))):
            if (old[column] if column < len(old) else None) != (new[column] if column < len(new) else None):
                cells.add((row, column))
    return cells


def display_value(spec, value, attachments: dict | None = None) -> str:
    """One value (of a question or a table column) as text, with its unit."""
    if value is None or value == "" or value == []:
        return ""
    kind = spec.kind
    if kind.multiple and isinstance(value, list):
        return "; ".join(kind.choice_label(spec, str(code)) for code in value)
    if hasattr(kind, "choice_label") and isinstance(value, str):
        return kind.choice_label(spec, value)
    if kind.attachment:
        attachment = (attachments or {}).get(value)
        return attachment.filename if attachment else str(value)
    try:
        text = kind.display(spec, value)
    except (AttributeError, TypeError, ValueError):  # text kept as typed, not a parsed value
        text = str(value)
    unit = getattr(spec, "unit", None)
    return f"{text} {UNITS.get(unit, unit)}" if unit and text else text


def answer_text(question, answer: dict | None, attachments: dict | None = None) -> AnswerText:
    """A stored or snapshot answer of `question` for display (None: no answer)."""
    if not answer:
        return AnswerText()
    out = AnswerText(confidential=bool(answer.get("confidential")), comment=answer.get("comment"),
                     is_table=question.kind.tabular)
    state = answer.get("state") or VALUE
    if state != VALUE:
        out.state = str(STATE_LABELS.get(state, state))
        return out
    value = answer.get("value")
    if question.kind.tabular:
        out.columns = [qt(c.label) for c in question.columns]
        rows = value if isinstance(value, list) else []
        out.rows = [[display_value(c, _typed(c, row.get(c.key)), attachments) for c in question.columns]
                    for row in rows if isinstance(row, dict)]
        return out
    out.text = display_value(question, value, attachments)
    if isinstance(value, str) and attachments and question.kind.attachment:
        out.attachment = attachments.get(value)
    return out


def _typed(spec, value):
    """A snapshot cell (JSON) as its typed value; text kept as typed stays text."""
    if value is None or not isinstance(value, str):
        return value
    try:
        return spec.kind.field(spec).deserialize(value)
    except ValidationError:
        return value


def snapshot_answer_text(question, answer: dict | None, attachments: dict | None = None) -> AnswerText:
    """An answer of a submission's snapshot (JSON: dates and decimals as strings)."""
    if not answer:
        return AnswerText()
    try:
        parsed = answer_schema(question)().load(answer)
    except ValidationError:
        parsed = answer  # a snapshot of an older format version: show it as it is
    return answer_text(question, parsed, attachments)
