"""The SQL conditions of a selection, shared by the exports and the aggregates.

Exports and aggregates must count the same answers, so both build their queries from
these clauses: which reports (cycle, status or publication, region, Party) and which of
their answers (asked in the cycle's report kind, kept by the article and question
filters, not hidden by a condition, not confidential unless allowed, and actually given:
a blank is the absence of an answer, not an answer). For the published audience, a
question is shown only when its condition holds without confidential answers.
"""

from __future__ import annotations

from sqlalchemy import Text, and_, cast, exists, false, func, or_, select, true
from sqlalchemy.orm import aliased

from ..extensions import db
from ..models import Answer, AnswerCell, AnswerState, Party, RegionalGroup, Report, ReportStatus
from .conditions import condition_sql, published_view
from .plan import ExportPlan


def report_conditions(plan: ExportPlan) -> list:
    """Conditions on Report (joined to Party) for the selected reports."""
    filters = plan.filters
    conditions = [
        Report.cycle_id.in_([c.id for c in plan.cycles]),
        Report.status.in_([ReportStatus(s) for s in filters.effective_statuses]),
    ]
    if filters.published:
        conditions.append(Report.published_clause())
    if filters.regions:
        conditions.append(Party.regional_group.in_([RegionalGroup(r) for r in filters.regions]))
    if plan.party_ids:
        conditions.append(Report.party_id.in_(list(plan.party_ids.values())))
    return conditions


def asked_keys_condition(plan: ExportPlan):
    """The answer's question was asked in its report's cycle and is kept by the filters."""
    per_cycle = [
        and_(Report.cycle_id == c.id, Answer.question_key.in_(c.keys))
        for c in plan.cycles
        if c.keys
    ]
    return or_(*per_cycle) if per_cycle else false()


def typed_value_given(row) -> object:
    """A typed column holds a value (`row` is Answer or AnswerCell); an empty list of
    choices is no value."""
    return or_(
        row.value_text.is_not(None),
        row.value_number.is_not(None),
        row.value_date.is_not(None),
        and_(row.value_json.is_not(None), cast(row.value_json, Text) != "[]"),
    )


def answer_given():
    """The answer says something: a state other than a value, a value, or a table cell."""
    any_cell = aliased(AnswerCell)  # queries may join the cells themselves
    cell = exists().where(any_cell.answer_id == Answer.id, typed_value_given(any_cell))
    return or_(Answer.state != AnswerState.value, typed_value_given(Answer), cell)


def answer_conditions(plan: ExportPlan, *, confidential: bool | None = None) -> list:
    """Conditions on Answer (joined to Report) for the exported answers.

    `confidential` overrides the filters' choice (the aggregates use it to count the
    answers withheld as confidential).
    """
    include = plan.filters.include_confidential if confidential is None else confidential
    conditions = [Answer.hidden.is_(False), asked_keys_condition(plan), answer_given()]
    if not include:
        conditions.append(Answer.confidential.is_(False))
    if plan.filters.published:
        conditions.append(published_view_condition(plan))
    return conditions


def published_view_condition(plan: ExportPlan):
    """The answer's question is shown in the published data: its condition holds without
    confidential answers (`conditions.condition_sql` with `published`)."""
    per_cycle = []
    for cycle in plan.cycles:
        view = published_view(cycle.format)
        keys = [k for k in cycle.keys if view(k)]
        shown = [
            and_(Answer.question_key == k, condition_sql(view(k), Answer.report_id, view))
            for k in keys
        ]
        per_cycle.append(
            and_(
                Report.cycle_id == cycle.id,
                or_(Answer.question_key.not_in(keys), *shown) if keys else true(),
            )
        )
    return or_(*per_cycle) if per_cycle else false()


def reports_query(plan: ExportPlan, *columns):
    """SELECT columns FROM report JOIN party WHERE the report conditions."""
    return (
        select(*columns)
        .select_from(Report)
        .join(Party, Party.id == Report.party_id)
        .where(*report_conditions(plan))
    )


def count_reports(plan: ExportPlan) -> int:
    return db.session.scalar(reports_query(plan, func.count(Report.id)))
