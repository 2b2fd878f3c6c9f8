"""Quantities reported: sums, medians and ranges per question, cycle and regional group.

Covers quantity questions (e.g. tonnes of mercury exported; a percentage has no sum) and
the summable columns of tables (e.g. quantity exported per importing country). Each
Party contributes one number: its value, or for a table column the sum of the column
over its rows. Only values count: a state such as "none" is counted by
`option_counts`, not turned into 0 here; a reported 0 is a value.

Computed in the database: one subquery of per-Party numbers (a UNION ALL of the scalar
answers and the table cells summed per answer), grouped by cycle, group, question and
column for count, sum, min and max, overall and per group; medians with `percentile_cont`
on PostgreSQL (all in one statement there, with GROUPING SETS, so the per-Party numbers
are computed once) and a window-function fallback elsewhere (see `sql.medians`). Numbers
are returned as floats.
"""

from __future__ import annotations

from sqlalchemy import String, and_, false, func, literal, null, or_, select, tuple_, union_all

from ..exports.filters import ExportFilters
from ..exports.long import ensure_plan
from ..exports.plan import ExportPlan
from ..exports.scope import answer_conditions, reports_query
from ..extensions import db
from ..models import Answer, AnswerCell, AnswerState, Party, Report
from ..questionnaire.kinds.number import LARGEST
from .population import regions
from .sql import dialect_name, medians


def quantities(plan: ExportPlan) -> list[tuple[str, str | None, str | None]]:
    """(question key, column key or None, unit) of every quantity in the selection."""
    out: list[tuple[str, str | None, str | None]] = []
    for key, info in plan.questions.items():
        if info.quantity:
            out.append((key, None, info.unit))
        # A table column's number per Party is its sum over the rows: summable columns.
        out += [(key, c.key, c.unit) for c in info.columns if c.summable]
    return out


def _per_party(plan: ExportPlan, items):
    scalar_keys = [key for key, column, _unit in items if column is None]
    columns = [(key, column) for key, column, _unit in items if column is not None]
    base = (
        Report.cycle_id.label("cycle_id"),
        Party.regional_group.label("region"),
        plan.series_key_sql(Report.cycle_id, Answer.question_key).label("key"),
    )
    scalar = (
        reports_query(plan, *base, literal("", String).label("col"), Answer.value_number.label("x"))
        .join(Answer, Answer.report_id == Report.id)
        .where(
            *answer_conditions(plan),
            Answer.state == AnswerState.value,
            Answer.question_key.in_(plan.asked_keys(scalar_keys)),
            _readable(Answer.value_number),
        )
    )
    cells = (
        reports_query(
            plan,
            *base,
            AnswerCell.column_key.label("col"),
            func.sum(AnswerCell.value_number).label("x"),
        )
        .join(Answer, Answer.report_id == Report.id)
        .join(AnswerCell, AnswerCell.answer_id == Answer.id)
        .where(
            *answer_conditions(plan),
            Answer.state == AnswerState.value,
            _readable(AnswerCell.value_number),
            or_(
                false(),
                *(
                    and_(Answer.question_key.in_(plan.asked_keys([k])), AnswerCell.column_key == c)
                    for k, c in columns
                ),
            ),
        )
        .group_by(
            Answer.id,
            Report.cycle_id,
            Party.regional_group,
            Answer.question_key,
            AnswerCell.column_key,
        )
    )
    return union_all(scalar, cells).cte("per_party")


def _readable(column):
    """A stored number a number answer takes: not NULL, finite and within the kinds' range
    (SQLite may hold an infinity, PostgreSQL a NaN, written past the application)."""
    return column.between(-LARGEST, LARGEST)


def _float(value):
    return None if value is None else float(value)


_OVERALL = ["cycle_id", "key", "col"]
_BY_REGION = ["cycle_id", "region", "key", "col"]


def _stats(values) -> dict[tuple, dict]:
    """Count, sum, min, max and median of the per-Party numbers, per cycle, question and
    column, overall and per regional group: on PostgreSQL one statement (GROUPING SETS,
    the per-Party numbers computed once), elsewhere one for the counts and one for the
    medians, each over both groupings."""
    x = values.c.x
    c = values.c
    out: dict[tuple, dict] = {}
    aggregates = [func.count(x), func.sum(x), func.min(x), func.max(x)]
    if dialect_name() == "postgresql":
        statement = select(
            c.cycle_id,
            c.region,
            c.key,
            c.col,
            func.grouping(c.region).label("overall"),
            *aggregates,
            func.percentile_cont(0.5).within_group(x),
        ).group_by(
            func.grouping_sets(
                tuple_(c.cycle_id, c.key, c.col), tuple_(c.cycle_id, c.region, c.key, c.col)
            )
        )
        for cycle_id, region, key, col, overall, n, total, low, high, median in db.session.execute(
            statement
        ):
            out[_key(cycle_id, None if overall else region, key, col)] = _row(
                n, total, low, high, median
            )
        return out
    region = c.region
    counts = union_all(
        select(c.cycle_id, null().label("region"), c.key, c.col, *aggregates).group_by(
            c.cycle_id, c.key, c.col
        ),
        select(c.cycle_id, region, c.key, c.col, *aggregates).group_by(
            c.cycle_id, region, c.key, c.col
        ),
    )
    for cycle_id, group, key, col, n, total, low, high in db.session.execute(counts):
        out[_key(cycle_id, group, key, col)] = _row(n, total, low, high, None)
    for names in (_OVERALL, _BY_REGION):
        for *group, median in db.session.execute(medians(values, names)):
            found = dict(zip(names, group))
            key = _key(found["cycle_id"], found.get("region"), found["key"], found["col"])
            out[key]["median"] = _float(median)
    return out


def _row(n, total, low, high, median) -> dict:
    return {
        "parties": n,
        "sum": _float(total),
        "min": _float(low),
        "max": _float(high),
        "median": _float(median),
    }


def _key(cycle_id, region, key, col) -> tuple:
    return cycle_id, getattr(region, "value", region), key, col or None


def numeric_summary(selection: ExportFilters | ExportPlan) -> list[dict]:
    """One dict per quantity x cycle x group (overall first, `region` None):
    question_key, column_key, cycle_code, cycle_year, region, unit, parties (how many
    Parties gave a number), sum, median, min, max (None without numbers; sum None for
    a quantity that is not summable, such as a percentage)."""
    plan = ensure_plan(selection)
    items = quantities(plan)
    if not items:
        return []
    stats = _stats(_per_party(plan, items))
    empty = {"parties": 0, "sum": None, "median": None, "min": None, "max": None}
    out = []
    for key, column, unit in items:
        summable = column is not None or plan.questions[key].summable  # columns: summed rows
        for cycle in plan.cycles:
            if cycle.asked_key(key) is None:
                continue
            for region in (None, *regions(plan)):
                row = {
                    "question_key": key,
                    "column_key": column,
                    "cycle_code": cycle.code,
                    "cycle_year": cycle.year,
                    "region": region,
                    "unit": unit,
                    **stats.get((cycle.id, region, key, column), empty),
                }
                if not summable:
                    row["sum"] = None
                out.append(row)
    return out
