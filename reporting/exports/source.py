"""Reading the selected answers from the database in chunks, one report at a time.

Reports are read in batches (`yield_per`), and for each batch one query reads the
answers and table cells of those reports, streamed (`yield_per`: a server-side cursor on
PostgreSQL) in report order. Callers receive one report with its answers at a time, so
memory holds one report and a chunk of rows whatever the size of the data.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby
from typing import Any, NamedTuple

from sqlalchemy import select

from ..extensions import db
from ..geography.names import un_name
from ..models import Answer, AnswerCell, Party, Report, ReportingCycle
from .plan import CycleInfo, ExportPlan
from .scope import answer_conditions, report_conditions

#: Reports per answer query, and rows fetched per round trip.
REPORT_BATCH = 50
ROW_CHUNK = 2000


class Typed(NamedTuple):
    """The typed columns of an answer or a cell (what `AnswerKind.from_columns` reads)."""

    value_text: str | None
    value_number: Any
    value_date: Any
    value_json: Any


class ReportRef(NamedTuple):
    id: int
    cycle_id: int
    status: str
    version: int
    submitted_at: datetime | None
    iso3: str
    #: The UN name in the export's language (else the English `Party.name`).
    party_name: str
    region: str


@dataclass
class AnswerData:
    #: The plan's key of the question (its series key: see `ExportPlan.questions`).
    key: str
    state: str
    confidential: bool
    value: Typed
    #: (row_index, column_key, Typed) for table cells.
    cells: list[tuple[int, str, Typed]] = field(default_factory=list)
    #: The key the report's format asked the question under, where it differs.
    asked_key: str | None = None

    @property
    def asked(self) -> str:
        return self.asked_key or self.key


def _recoded(spec, typed: Typed, codes: dict[str, str]) -> Typed:
    """`typed` with the older choice codes of `codes` as the newer ones."""
    value = spec.kind.from_columns(typed)
    if spec.kind.multiple:
        value = [codes.get(c, c) for c in value or ()]
    elif value is not None:
        value = codes.get(value, value)
    return Typed(**spec.kind.to_columns(value))


def _report_query(plan: ExportPlan):
    return (
        select(
            Report.id,
            Report.cycle_id,
            Report.status,
            Report.submitted_versions,
            Report.submitted_at,
            Party.iso3,
            Party.name,
            Party.regional_group,
        )
        .join(Party, Party.id == Report.party_id)
        .join(ReportingCycle, ReportingCycle.id == Report.cycle_id)
        .where(*report_conditions(plan))
        .order_by(ReportingCycle.year, ReportingCycle.code, Party.iso3)
    )


def iter_report_batches(
    plan: ExportPlan, size: int | None = None
) -> Generator[list[ReportRef], None, None]:
    """The selected reports, ordered by cycle and Party, in lists of at most `size`."""
    result = db.session.execute(
        _report_query(plan).execution_options(yield_per=size or REPORT_BATCH)
    )
    try:  # a consumer may stop early: close the (server-side) cursor all the same
        for partition in result.partitions():
            yield [
                ReportRef(
                    rid,
                    cycle_id,
                    status.value,
                    versions or 0,
                    submitted,
                    iso3,
                    un_name(iso3, plan.filters.language) or name,
                    region.value,
                )
                for rid, cycle_id, status, versions, submitted, iso3, name, region in partition
            ]
    finally:
        result.close()


def _answers_query(plan: ExportPlan, report_ids: list[int], extra: tuple):
    return (
        select(
            Answer.report_id,
            Answer.question_key,
            Answer.state,
            Answer.confidential,
            Answer.value_text,
            Answer.value_number,
            Answer.value_date,
            Answer.value_json,
            AnswerCell.row_index,
            AnswerCell.column_key,
            AnswerCell.value_text,
            AnswerCell.value_number,
            AnswerCell.value_date,
            AnswerCell.value_json,
        )
        .join(Report, Report.id == Answer.report_id)
        .join(Party, Party.id == Report.party_id)
        .join(ReportingCycle, ReportingCycle.id == Report.cycle_id)
        .outerjoin(AnswerCell, AnswerCell.answer_id == Answer.id)
        .where(Answer.report_id.in_(report_ids), *answer_conditions(plan), *extra)
        # The reports' own order (see _report_query), so that they arrive one by one.
        .order_by(ReportingCycle.year, ReportingCycle.code, Party.iso3, Answer.id)
    )


def _collect(rows, cycle: CycleInfo) -> dict[str, AnswerData]:
    """The answers of one report by the plan's keys, an older version's choice codes
    recoded as the plan's question codes them (`CycleInfo.recodes`)."""
    answers: dict[str, AnswerData] = {}
    for (
        _rid,
        key,
        state,
        confidential,
        text,
        number,
        day,
        js,
        row_index,
        column_key,
        c_text,
        c_number,
        c_day,
        c_js,
    ) in rows:
        series = cycle.series_key(key)
        answer = answers.get(series)
        if answer is None:
            value = Typed(text, number, day, js)
            if key in cycle.recodes:
                value = _recoded(cycle.format.question(key), value, cycle.recodes[key])
            answer = answers[series] = AnswerData(
                series,
                state.value,
                bool(confidential),
                value,
                asked_key=key if series != key else None,
            )
        if column_key is not None:
            answer.cells.append((row_index, column_key, Typed(c_text, c_number, c_day, c_js)))
    return answers


def iter_report_answers(
    plan: ExportPlan, *, extra_conditions: tuple = ()
) -> Iterator[tuple[ReportRef, dict[str, AnswerData]]]:
    """Every selected report with its exported answers (possibly none), in order.

    `extra_conditions` narrow the answers further (e.g. one question for a table sheet).
    """
    batches = iter_report_batches(plan)
    try:
        for batch in batches:
            result = db.session.execute(
                _answers_query(plan, [ref.id for ref in batch], extra_conditions).execution_options(
                    yield_per=ROW_CHUNK
                )
            )
            try:
                yield from _merge(plan, batch, result)
            finally:
                result.close()
    finally:
        batches.close()


def _merge(
    plan: ExportPlan, batch: list[ReportRef], result
) -> Iterator[tuple[ReportRef, dict[str, AnswerData]]]:
    """Pair the batch's reports with their answers (both in the same order)."""
    groups = groupby(result, key=lambda row: row[0])
    current = next(groups, None)
    for ref in batch:
        if current is not None and current[0] == ref.id:
            answers = _collect(current[1], plan.cycle(ref.cycle_id))
            current = next(groups, None)
            yield ref, answers
        else:
            yield ref, {}
