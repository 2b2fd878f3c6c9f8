"""Reading and writing a report's answers: one query in, one bulk write out.

A draft save never loses input: values that fail their type check are stored as typed
in `raw_value` (per cell for tables) and reported as issues; valid values are stored in
their typed columns.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, NamedTuple

from marshmallow import ValidationError
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from .. import audit
from ..extensions import db
from ..inputs import NUL, has_nul
from ..models import Answer, AnswerCell, AnswerState, Report
from ..questionnaire.conditions import visibility
from ..questionnaire.definition import Format, Question
from ..questionnaire.issues import Issue, messages_to_issues
from ..questionnaire.kinds.base import UnreadableValue
from ..questionnaire.report_schema import answer_schema, report_schema


def _raw_text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return _storable(text)


def _storable(text: str) -> str:
    """Text the database can store: a NUL (refused by PostgreSQL, and an error of its
    answer) kept as U+FFFD, the replacement character, so that the rest is not lost."""
    return text.replace(NUL, "\ufffd")


#: The columns a page reads of an answer and of a table cell (plain rows, not ORM objects:
#: loading a full report's answers is most of what an article page costs otherwise).
_VALUE_COLUMNS = ("value_text", "value_number", "value_date", "value_json", "raw_value")
_ANSWER_COLUMNS = [
    Answer.id,
    Answer.question_key,
    Answer.state,
    Answer.confidential,
    Answer.comment,
    Answer.carried_over,
    *(getattr(Answer, c) for c in _VALUE_COLUMNS),
]
_CELL_COLUMNS = [
    AnswerCell.answer_id,
    AnswerCell.row_index,
    AnswerCell.column_key,
    *(getattr(AnswerCell, c) for c in _VALUE_COLUMNS),
]


def load_answers(
    report: Report, fmt: Format, *, raw: bool = True, keys: Iterable[str] | None = None
) -> dict[str, dict]:
    """The report's answers keyed by question key (only those of `keys` if given: a
    page's save compares its own answers, not the report's).

    With `raw`, a value kept as typed (invalid) is returned in place of the typed value,
    so that forms show it back and re-validation reports it.
    """
    which = Answer.report_id == report.id
    if keys is not None:
        which = which & Answer.question_key.in_(list(keys))
    rows = db.session.execute(select(*_ANSWER_COLUMNS).where(which)).all()
    cells: dict[int, list] = {}
    if any(
        fmt.has_question(r.question_key) and fmt.question(r.question_key).kind.tabular for r in rows
    ):
        for cell in db.session.execute(
            select(*_CELL_COLUMNS)
            .join(Answer, Answer.id == AnswerCell.answer_id)
            .where(which)
            .order_by(AnswerCell.row_index, AnswerCell.id)
        ):
            cells.setdefault(cell.answer_id, []).append(cell)
    data = {}
    for answer in rows:
        if not fmt.has_question(answer.question_key):
            continue  # a key of another format version: kept in the database, not shown
        q = fmt.question(answer.question_key)
        unreadable: list[str] = []
        own_cells = cells.get(answer.id, ())
        value = _value_from_row(q, answer, own_cells, raw, unreadable)
        data[q.key] = {
            "state": answer.state.value,
            "value": value,
            "confidential": answer.confidential,
            "comment": answer.comment,
            "carried_over": answer.carried_over,
            "invalid": bool(unreadable)
            or answer.raw_value is not None
            or any(c.raw_value is not None for c in own_cells),
        }
    return data


def _value_from_row(q: Question, answer, cells, raw: bool, unreadable: list[str]):
    if raw and answer.raw_value is not None:
        return answer.raw_value
    if not q.kind.tabular:
        return _read(q.kind, answer, raw, unreadable)
    if not cells:
        return None
    rows: dict[int, dict] = {}
    for cell in cells:
        column = q.column(cell.column_key)
        if column is None:
            continue
        if raw and cell.raw_value is not None:
            value = cell.raw_value
        else:
            value = _read(column.kind, cell, raw, unreadable)
        rows.setdefault(cell.row_index, {})[cell.column_key] = value
    return [rows[i] for i in sorted(rows)]


def _read(kind, row, raw: bool, unreadable: list[str]):
    """A stored value; one the kind cannot take (an old version's or a direct edit's) is
    shown back as text, like input kept as typed, so that it is an error on its question
    and not a failure of the whole report; without `raw`, it is no value."""
    try:
        return kind.read_columns(row)
    except UnreadableValue as exc:
        unreadable.append(exc.text)
        return exc.text if raw else None


def answer_data(data: dict[str, dict]) -> dict[str, dict]:
    """Only the fields the report schema takes (drops bookkeeping like `invalid`)."""
    keep = ("state", "value", "confidential", "comment")
    return {key: {k: a[k] for k in keep if k in a} for key, a in data.items()}


def save_answers(
    report: Report, fmt: Format, payload: dict[str, dict], user=None, kind: str | None = None
) -> list[Issue]:
    """Store a (partial) set of answers as a draft; return the type errors found.

    `payload` maps question keys to {"state", "value", "confidential", "comment"} as
    received (strings from forms, JSON from the API). Keys not in the payload are left alone.
    """
    schema = report_schema(fmt, kind, "draft")
    try:
        clean = schema().load(payload)
        messages: dict = {}
    except ValidationError as exc:
        messages = exc.messages if isinstance(exc.messages, dict) else {}
        unknown = [k for k in payload if not fmt.has_question(k)]
        if unknown:
            raise
        clean = {}
        for key in payload:
            if key not in messages:
                clean[key] = answer_schema(fmt.question(key))().load(payload[key])
    existing = {
        a.question_key: a
        for a in db.session.scalars(
            select(Answer)
            .where(Answer.report_id == report.id, Answer.question_key.in_(list(payload)))
            .options(selectinload(Answer.cells))
        )
    }
    changes = []
    for key, submitted in payload.items():
        q = fmt.question(key)
        answer = existing.get(key)
        before = _said(q, answer)
        if answer is None:
            answer = Answer(report_id=report.id, question_key=key)
            db.session.add(answer)
        answer.updated_by_id = getattr(user, "id", None)
        answer.carried_over = False
        if key in clean:
            _store(q, answer, clean[key])
        else:
            _store_invalid(q, answer, submitted, messages.get(key, {}))
        changes.append((key, before, _said(q, answer)))
    audit.record_many(
        "answer.change",
        user,
        report,
        [
            {
                "question": key,
                "old": CONFIDENTIAL if hidden else before.text,
                "new": CONFIDENTIAL if hidden else after.text,
            }
            for key, before, after in changes
            if after != before
            for hidden in [before.confidential or after.confidential]
        ],
    )
    refresh_visibility(report, fmt)
    return messages_to_issues(messages)


#: What the audit trail says of a confidential answer's values.
CONFIDENTIAL = "(confidential)"
#: Longest value text kept in an audit event.
AUDIT_TEXT = 200


class _Said(NamedTuple):
    """What an answer says, for the audit trail: its value (or state) as short text."""

    text: str
    confidential: bool
    comment: str | None


def _said(q: Question, answer: Answer | None) -> _Said:
    if answer is None:
        return _Said("", False, None)
    if answer.state != AnswerState.value:
        text = f"({answer.state.value})"
    else:
        value = _value_from_row(q, answer, answer.cells, True, [])
        if value is None:
            text = ""
        elif isinstance(value, (list, dict)):
            text = json.dumps(value, ensure_ascii=False, default=str)
        else:
            text = format(value, "f") if isinstance(value, Decimal) else str(value)
    return _Said(text[:AUDIT_TEXT], bool(answer.confidential), answer.comment)


def refresh_visibility(report: Report, fmt: Format) -> None:
    """Flag answers hidden by a condition, so exports and aggregates can skip them in SQL.

    Reads plain rows and updates only the flags that change (one UPDATE each way; the
    session's loaded answers follow)."""
    answers = db.session.execute(
        select(
            Answer.id,
            Answer.question_key,
            Answer.state,
            Answer.hidden,
            *(getattr(Answer, c) for c in _VALUE_COLUMNS),
        ).where(Answer.report_id == report.id)
    ).all()
    data = {}
    for answer in answers:
        if fmt.has_question(answer.question_key):
            q = fmt.question(answer.question_key)
            value = None if q.kind.tabular else q.kind.from_columns(answer)
            data[answer.question_key] = {"state": answer.state.value, "value": value}
    visible = visibility(fmt, data)
    flips: dict[bool, list[int]] = {True: [], False: []}
    for answer in answers:
        hidden = not visible.get(answer.question_key, True)
        if answer.hidden != hidden:
            flips[hidden].append(answer.id)
    for hidden, ids in flips.items():
        if ids:
            db.session.execute(update(Answer).where(Answer.id.in_(ids)).values(hidden=hidden))


def _store(q: Question, answer: Answer, clean: dict) -> None:
    answer.state = AnswerState(clean["state"])
    answer.confidential = clean["confidential"]
    answer.comment = clean["comment"]
    answer.raw_value = None
    value = clean["value"]
    if q.kind.tabular:
        for column, v in q.kind.to_columns(None).items():
            setattr(answer, column, v)
        _set_cells(
            answer,
            [
                _cell(column, index, row.get(column.key))
                for index, row in enumerate(value or [])
                for column in q.columns
                if row.get(column.key) is not None
            ],
        )
    else:
        for column, v in q.kind.to_columns(value).items():
            setattr(answer, column, v)
        _set_cells(answer, [])


def _set_cells(answer: Answer, cells: list[AnswerCell]) -> None:
    """Replace a table's cells, updating rows in place (the unit of work inserts before it
    deletes, so swapping objects with the same row and column would collide)."""
    current = {(c.row_index, c.column_key): c for c in answer.cells}
    keep = []
    for cell in cells:
        target = current.pop((cell.row_index, cell.column_key), None)
        if target is None:
            keep.append(cell)
            continue
        for name in ("value_text", "value_number", "value_date", "value_json", "raw_value"):
            setattr(target, name, getattr(cell, name))
        keep.append(target)
    answer.cells = keep


def _cell(column, index: int, value, raw: str | None = None) -> AnswerCell:
    cell = AnswerCell(row_index=index, column_key=column.key, raw_value=raw)
    for name, v in column.kind.to_columns(value).items():
        setattr(cell, name, v)
    return cell


def _store_invalid(q: Question, answer: Answer, submitted: dict, errors: dict) -> None:
    """Keep what was typed; parse what can be parsed (e.g. the good cells of a table)."""
    submitted = submitted if isinstance(submitted, dict) else {"value": submitted}
    state = submitted.get("state") or "value"
    answer.state = (
        AnswerState(state) if state in AnswerState._value2member_map_ else AnswerState.value
    )
    answer.confidential = bool(submitted.get("confidential"))
    comment = submitted.get("comment")
    answer.comment = _storable(comment.strip()) or None if isinstance(comment, str) else None
    value = submitted.get("value")
    for column, v in q.kind.to_columns(None).items():
        setattr(answer, column, v)
    answer.raw_value = None
    if q.kind.tabular and isinstance(value, list) and all(isinstance(r, dict) for r in value):
        cells = []
        for index, row in enumerate(
            r for r in value if isinstance(r, dict) and any(v not in (None, "") for v in r.values())
        ):
            for column in q.columns:
                cell_value = row.get(column.key)
                if cell_value in (None, ""):
                    continue
                if has_nul(cell_value):
                    cells.append(_cell(column, index, None, raw=_raw_text(cell_value)))
                    continue
                try:
                    parsed = column.kind.field(column).deserialize(
                        cell_value.strip() if isinstance(cell_value, str) else cell_value
                    )
                    cells.append(_cell(column, index, parsed))
                except ValidationError:
                    cells.append(_cell(column, index, None, raw=_raw_text(cell_value)))
        _set_cells(answer, cells)
    else:
        _set_cells(answer, [])
        answer.raw_value = _raw_text(value) if "value" in errors else None
        if "value" not in errors and value not in (None, ""):
            try:
                parsed = q.kind.field(q).deserialize(value)
                for column, v in q.kind.to_columns(parsed).items():
                    setattr(answer, column, v)
            except ValidationError:
                answer.raw_value = _raw_text(value)
