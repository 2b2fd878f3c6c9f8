"""The wide format: one row per Party x cycle, one column (or a few) per question key.

Flattening rule (also in docs/exports.md and each codebook row's `wide_columns`):
- `<key>`: the value of a single-valued question: number, ISO date, text, or the code
  of a choice or country. Empty when unanswered or answered with a state.
- `<key>:state`: the answer state (value, not_applicable, none, not_available) for
  questions that offer states; empty when unanswered.
- multiple choice: `<key>:<code>` = 1 when the option was chosen, 0 when not (empty
  when the question was not answered with a value).
- table: `<key>:rows` = number of rows, and `<key>:<column>:sum` = sum of each quantity
  column (integer or decimal) over the rows; the rows themselves are in the long format
  and, in the XLSX workbook, on one sheet per table.
- `confidential_keys`: questions whose answer is included although marked confidential
  (secretariat exports that ask for them), separated by semicolons.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..models import Answer
from ..questionnaire.kinds.number import readable_number
from .fields import REPORT_FIELDS, STATUS_FIELDS, Field
from .filters import ExportFilters
from .long import ValueReader, ensure_plan, report_values, status_values
from .plan import ExportPlan, QuestionInfo
from .source import iter_report_answers

CONFIDENTIAL_FIELD = Field(
    "confidential_keys",
    "string",
    _l("Questions included although marked confidential, separated by semicolons"),
)


def question_fields(info: QuestionInfo) -> list[Field]:
    """The wide columns of one question (descriptions in the current language)."""
    key, text = info.key, info.text
    out = []
    if info.tabular:
        out.append(Field(f"{key}:rows", "integer", _("%(text)s: number of rows", text=text)))
        out += [
            Field(
                f"{key}:{c.key}:sum",
                "number",
                _("%(text)s: sum of %(column)s", text=text, column=c.label),
            )
            for c in info.columns
            if c.summable
        ]
    elif info.multiple:
        out += [
            Field(
                f"{key}:{code}",
                "integer",
                _("%(text)s: %(option)s (1 chosen, 0 not chosen)", text=text, option=label),
            )
            for code, label in info.choices
        ]
    else:
        out.append(Field(key, info.export_type, text))
    if info.states:
        out.append(
            Field(
                f"{key}:state", "string", _("%(text)s: answer state", text=text), info.spec.states
            )
        )
    return out


def wide_fields(selection: ExportFilters | ExportPlan) -> list[Field]:
    """Every column of the wide export for a selection, in order."""
    plan = ensure_plan(selection)
    with force_locale(plan.filters.language):
        columns = [f for info in plan.questions.values() for f in question_fields(info)]
    return [*REPORT_FIELDS, *STATUS_FIELDS, CONFIDENTIAL_FIELD, *columns]


def _table_values(info: QuestionInfo, answer) -> dict:
    rows = {index for index, _key, typed in answer.cells if any(v is not None for v in typed)}
    out: dict[str, int | Decimal | None] = {f"{info.key}:rows": len(rows)}
    for column in info.columns:
        if not column.summable:
            continue
        stored = (
            readable_number(typed.value_number)
            for _i, key, typed in answer.cells
            if key == column.key and typed.value_number is not None
        )
        numbers = [n for n in stored if n is not None]  # a bad stored number is no number
        out[f"{info.key}:{column.key}:sum"] = (
            sum(numbers, Decimal(0)).normalize() if numbers else None
        )
    return out


def _values(plan: ExportPlan, reader: ValueReader, cycle, answer) -> dict:
    info = plan.questions[answer.key]
    spec = cycle.format.question(answer.asked)
    out = {f"{info.key}:state": answer.state} if info.states else {}
    if answer.state != "value":
        return out
    if info.tabular:
        out.update(_table_values(info, answer))
    elif info.multiple:
        chosen = set(spec.kind.from_columns(answer.value) or ())
        out.update({f"{info.key}:{code}": int(code in chosen) for code, _label in info.choices})
    else:
        out[info.key] = reader.scalar(spec, answer.value, dict(info.choices))
    return out


def iter_wide_rows(selection: ExportFilters | ExportPlan) -> Iterator[dict]:
    """Wide rows (dicts keyed by `wide_fields` names; absent keys are empty), streamed.

    Every selected report gives a row, even one without exported answers.
    """
    plan = ensure_plan(selection)
    reader = ValueReader(plan)
    for ref, answers in iter_report_answers(plan):
        cycle = plan.cycle(ref.cycle_id)
        row = {**report_values(ref, cycle), **status_values(ref)}
        confidential = [
            key for key in plan.questions if key in answers and answers[key].confidential
        ]
        row["confidential_keys"] = ";".join(confidential) or None
        for answer in answers.values():
            row.update(_values(plan, reader, cycle, answer))
        yield row


# -- one sheet per table (XLSX) ------------------------------------------------------------


def table_fields(plan: ExportPlan, key: str) -> list[Field]:
    """Columns of a table question's own sheet: the report, the row, one per column."""
    info = plan.questions[key]
    columns = [Field("table_row", "integer", _l("Row of the table, from 1"))]
    for column in info.columns:
        columns.append(Field(column.key, column.export_type, column.label))
        if column.export_column == "value_code":
            columns.append(Field(f"{column.key}:label", "string", column.label))
    return [*REPORT_FIELDS, *columns, *STATUS_FIELDS]


def iter_table_rows(plan: ExportPlan, key: str) -> Iterator[dict]:
    """The rows of one table question, one per Party x cycle x table row."""
    info = plan.questions[key]
    reader = ValueReader(plan)
    asked = plan.asked_keys([key])
    for ref, answers in iter_report_answers(
        plan, extra_conditions=(Answer.question_key.in_(asked),)
    ):
        answer = answers.get(key)
        if answer is None or answer.state != "value":
            continue
        cycle = plan.cycle(ref.cycle_id)
        spec = cycle.format.question(answer.asked)
        head, tail = report_values(ref, cycle), status_values(ref)
        rows: dict[int, dict] = {}
        for index, column_key, typed in answer.cells:
            column, column_info = spec.column(column_key), info.column(column_key)
            if column is None or column_info is None:
                continue
            values = reader.read(column, typed, dict(column_info.choices))
            if values is None:
                continue
            row = rows.setdefault(index, {})
            row[column_key] = reader.scalar(column, typed, dict(column_info.choices))
            if column.kind.export_column == "value_code":
                row[f"{column_key}:label"] = values["value_label"]
        for index in sorted(rows):
            yield {**head, "table_row": index + 1, **rows[index], **tail}


def table_keys(plan: ExportPlan) -> list[str]:
    return [key for key, info in plan.questions.items() if info.tabular]
