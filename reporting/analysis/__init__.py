"""Aggregates of national report data for the effectiveness evaluation (Article 22).

Stable interface for the secretariat's analysis pages, the REST API and tests. Every
function takes the same selection as the exports (`ExportFilters`, or a plan from
`build_plan`), counts in the database with GROUP BY (never loading every answer into
Python), and returns plain lists of dicts (ints, floats, strings, None; dates as ISO
text) ready for JSON, tables and charts. Rows are per cycle and per UN regional group,
with the overall row first (`region` None: all selected Parties).

The numbers are those a recount of the long export with the same selection gives
(tests/analysis/test_recount.py proves it): the same reports (statuses, publication,
regions, Parties), the same answers (asked in the cycle's report kind, not hidden,
confidential ones only when included), labels in the selection's language.

`option_counts(selection) -> list[dict]`
    Per question x cycle x group: reporting, asked, answered, withheld, non_response,
    and `options` [{code, label, is_state, count, share}] (choice codes or "value",
    then answer states; share = count / asked). See `reporting.analysis.options`.
`numeric_summary(selection) -> list[dict]`
    Per quantity (a question whose kind is a quantity, or a summable table column summed
    per Party) x cycle x group: parties, sum (None when not summable: a percentage),
    median, min, max, unit. Medians use
    `percentile_cont` on PostgreSQL and a window-function SQL fallback on SQLite.
`time_series(selection, region=None) -> list[dict]`
    Every question key asked in two or more selected cycles, with one point per cycle
    (the counts above and its numbers).
`reporting_performance(selection) -> list[dict]`
    Per cycle x group: parties, by_status, submitted, submission_rate, on_time,
    on_time_share (first submission by the end of the due date, UTC), published. With
    the published audience a draft counts as "not_started" (work in progress is not
    public). See `reporting.analysis.performance`.
`submission_timeline(selection) -> list[dict]`
    Per cycle x group: parties, submitted, and `checkpoints` [{key, days, at, reached,
    submitted, share}]: how many Parties (and what share of all Parties in the group) had
    first submitted by each checkpoint relative to the due date (-90 ... +365 days, and
    "now"); None for a checkpoint still to come. See `reporting.analysis.timeline`.

Example::

    from reporting.analysis import option_counts
    from reporting.exports import ExportFilters

    rows = option_counts(ExportFilters(cycles=["2025-full"], questions=["art3.exports"],
                                       language="fr"))
    overall = next(r for r in rows if r["region"] is None)
"""

from ..exports.filters import ExportFilters, FilterError
from ..exports.plan import build_plan
from .numbers import numeric_summary
from .options import option_counts
from .performance import reporting_performance
from .series import time_series
from .timeline import submission_timeline

__all__ = [
    "ExportFilters",
    "FilterError",
    "build_plan",
    "numeric_summary",
    "option_counts",
    "reporting_performance",
    "submission_timeline",
    "time_series",
]
