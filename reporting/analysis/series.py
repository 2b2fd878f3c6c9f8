"""Across cycles: a time series for every question key asked in several selected cycles.

Question keys are stable across format versions and cycles, so the same key in two
cycles is the same question. The series is built from the per-cycle aggregates (counted
in the database by `option_counts` and `numeric_summary`), for all selected Parties
(`region` None) or one regional group.
"""

from __future__ import annotations

from flask_babel import gettext as _

from ..exports.filters import ExportFilters, FilterError
from ..exports.long import ensure_plan
from ..exports.plan import ExportPlan
from .numbers import numeric_summary
from .options import option_counts
from .population import regions

_COUNTS = ("reporting", "asked", "answered", "withheld", "non_response", "options")
_NUMBERS = ("column_key", "unit", "parties", "sum", "median", "min", "max")


def time_series(selection: ExportFilters | ExportPlan, region: str | None = None) -> list[dict]:
    """One dict per question key asked in two or more selected cycles:
    {question_key, kind, text, points: [{cycle_code, cycle_year, reporting, asked,
    answered, withheld, non_response, options, numbers: [{column_key, unit, parties,
    sum, median, min, max}]}]} with points in cycle order."""
    plan = ensure_plan(selection)
    if region is not None and region not in regions(plan):
        raise FilterError(_("Unknown regional group: %(value)s.", value=region))
    keys = [key for key, info in plan.questions.items() if len(info.cycles) >= 2]
    if not keys:
        return []
    narrowed = (
        plan
        if set(keys) == set(plan.questions)
        else ensure_plan(plan.filters.replace(questions=keys))
    )
    points: dict[tuple[str, str], dict] = {}
    for row in option_counts(narrowed):
        if row["region"] == region:
            points[(row["question_key"], row["cycle_code"])] = {
                "cycle_code": row["cycle_code"],
                "cycle_year": row["cycle_year"],
                **{k: row[k] for k in _COUNTS},
                "numbers": [],
            }
    for row in numeric_summary(narrowed):
        if row["region"] == region:
            points[(row["question_key"], row["cycle_code"])]["numbers"].append(
                {k: row[k] for k in _NUMBERS}
            )
    return [
        {
            "question_key": key,
            "kind": info.kind,
            "text": info.text,
            "points": [points[(key, code)] for code in info.cycles],
        }
        for key, info in narrowed.questions.items()
    ]
