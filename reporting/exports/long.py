"""The long format: one row per Party x cycle x question (x table row x column).

Rules (also in docs/exports.md and the codebook):
- A question with an answer state other than a value gives one row with that `state`
  and no value. An unanswered question gives no row: a blank is absent, a reported
  zero is `value_number` 0.
- A table gives one row per filled cell (`table_row` from 1, `column_key`, `column_kind`).
- A multiple choice gives one row per option chosen (`value_code`, `value_label`).
- Typed values go to typed columns: codes (choices, yes/no, countries) with their label,
  numbers, dates, texts. `unit` is given with numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..questionnaire.definition import Column, Question
from .filters import ExportFilters
from .plan import CycleInfo, ExportPlan, QuestionInfo, build_plan
from .source import AnswerData, ReportRef, Typed, iter_report_answers

_EMPTY_VALUE: dict[str, Any] = {
    "value_code": None,
    "value_label": None,
    "value_number": None,
    "value_date": None,
    "value_text": None,
    "unit": None,
}


def ensure_plan(selection: ExportFilters | ExportPlan) -> ExportPlan:
    return selection if isinstance(selection, ExportPlan) else build_plan(selection)


def report_values(ref: ReportRef, cycle: CycleInfo) -> dict:
    """The REPORT_FIELDS of a report's rows."""
    return {
        "party_iso3": ref.iso3,
        "party_name": ref.party_name,
        "regional_group": ref.region,
        "cycle_code": cycle.code,
        "cycle_kind": cycle.kind,
        "cycle_year": cycle.year,
    }


def status_values(ref: ReportRef) -> dict:
    """The STATUS_FIELDS of a report's rows."""
    return {"report_version": ref.version, "status": ref.status, "submitted_at": ref.submitted_at}


class ValueReader:
    """Typed columns to export values, with labels in the plan's language."""

    def __init__(self, plan: ExportPlan):
        self.language = plan.filters.language
        self._labels: dict[tuple, str | None] = {}

    def label(self, kind, code: str, labels: dict[str, str]) -> str:
        """A code's label: the question's option, else the kind's own (a country's name)."""
        if code in labels:
            return labels[code]
        if (kind, code) not in self._labels:
            self._labels[(kind, code)] = kind.code_label(code, self.language)
        return self._labels[(kind, code)] or code

    def read(self, spec: Question | Column, typed: Typed, labels: dict[str, str]) -> dict | None:
        """The value columns of one value, or None when the columns hold no value."""
        value = spec.kind.from_columns(typed)
        if spec.kind.is_empty(value):
            return None
        column = spec.kind.export_column
        out = dict(_EMPTY_VALUE)
        if column == "value_code":
            out.update(value_code=value, value_label=self.label(spec.kind, value, labels))
        elif column == "value_number":
            out.update(value_number=value, unit=spec.unit)
        elif column is not None:  # None: a table, whose cells are read one by one
            out[column] = value
        return out

    def scalar(self, spec: Question | Column, typed: Typed, labels: dict[str, str]):
        """The one value of a single-valued answer or cell (a choice or country as its code)."""
        values = self.read(spec, typed, labels)
        if values is None:
            return None
        return next(
            (
                values[k]
                for k in ("value_code", "value_number", "value_date", "value_text")
                if values[k] is not None
            ),
            None,
        )


def answer_rows(
    plan: ExportPlan,
    reader: ValueReader,
    cycle: CycleInfo,
    answer: AnswerData,
    head: dict,
    tail: dict,
) -> Iterator[dict]:
    """The long rows of one answer (see the module's rules)."""
    info: QuestionInfo = plan.questions[answer.key]
    spec = cycle.format.question(answer.asked)
    common = {
        **head,
        "question_key": answer.key,
        "asked_key": answer.asked_key,
        "article": info.article,
        "number": spec.shown_number,
        "kind": spec.kind.name,
        "table_row": None,
        "column_key": None,
        "column_kind": None,
        "state": answer.state,
        **_EMPTY_VALUE,
        "confidential": answer.confidential,
        **tail,
    }
    if answer.state != "value":
        yield common
        return
    if spec.kind.tabular:
        order = {c.key: i for i, c in enumerate(spec.columns)}
        for row_index, column_key, typed in sorted(
            (c for c in answer.cells if c[1] in order), key=lambda c: (c[0], order[c[1]])
        ):
            column = spec.column(column_key)
            assert column is not None  # the cells are those of the question's columns
            column_info = info.column(column_key)
            values = reader.read(column, typed, dict(column_info.choices if column_info else ()))
            if values is not None:
                yield {
                    **common,
                    "table_row": row_index + 1,
                    "column_key": column_key,
                    "column_kind": column.kind.name,
                    **values,
                }
        return
    if spec.kind.multiple:
        labels = dict(info.choices)
        chosen = set(spec.kind.from_columns(answer.value) or ())
        for code in [c for c in spec.choice_codes if c in chosen] + sorted(
            chosen - set(spec.choice_codes)
        ):
            yield {**common, "value_code": code, "value_label": labels.get(code, code)}
        return
    values = reader.read(spec, answer.value, dict(info.choices))
    if values is not None:
        yield {**common, **values}


def iter_long_rows(selection: ExportFilters | ExportPlan) -> Iterator[dict]:
    """Long rows (dicts keyed by LONG_FIELDS names, typed Python values), streamed.

    Order: cycle (year), Party (ISO3), question (format order), table row, column.
    """
    plan = ensure_plan(selection)
    order = plan.order()
    reader = ValueReader(plan)
    for ref, answers in iter_report_answers(plan):
        cycle = plan.cycle(ref.cycle_id)
        head, tail = report_values(ref, cycle), status_values(ref)
        for key in sorted(answers, key=order.__getitem__):
            yield from answer_rows(plan, reader, cycle, answers[key], head, tail)
