"""Submissions over time: how many Parties had reported by each moment around the deadline.

Per cycle x regional group, at fixed checkpoints relative to the cycle's due date
(`CHECKPOINTS`, in days: 0 is the end of the due day, UTC, as for "on time" in
`reporting.analysis.performance`; -30 the end of the day 30 days before; +90 the end of
the day 90 days after), plus "now": the cumulative number of Parties whose FIRST
submission came before the checkpoint (a late resubmission does not move it), and their
share of all Parties in the group (the `parties` of `reporting_performance`).

A checkpoint still in the future has no count yet (`submitted` and `share` None,
`reached` false): the number is not known until the moment has come. The fact and date
of a submission are public, so every audience gets the same numbers. The cycle, region
and Party filters apply, as for `reporting_performance`. One GROUP BY query over
Parties x cycles.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func

from ..exports.filters import ExportFilters
from ..exports.long import ensure_plan
from ..exports.plan import CycleInfo, ExportPlan
from ..extensions import db
from ..models import Party, ReportingCycle
from ..models.types import utcnow
from .performance import due_end, first_submissions, parties_by_cycle
from .population import regions

#: Days relative to the due date at which the submissions are counted.
CHECKPOINTS = (-90, -30, 0, 30, 90, 180, 365)
#: The key of the last checkpoint: every submission so far.
NOW = "now"


def checkpoint_key(days: int | None) -> str:
    """ "-90", "0", "+30"; "now" for None."""
    return NOW if days is None else ("0" if days == 0 else f"{days:+d}")


def checkpoint_at(cycle: CycleInfo, days: int) -> datetime:
    """Submissions before this instant count at the checkpoint `days` after the due date."""
    return due_end(cycle) + timedelta(days=days)


def _counts(plan: ExportPlan):
    first = first_submissions()
    by = [
        func.sum(
            case(
                *(
                    (and_(ReportingCycle.id == c.id, first.c.first_at < checkpoint_at(c, d)), 1)
                    for c in plan.cycles
                ),
                else_=0,
            )
        )
        for d in CHECKPOINTS
    ]
    so_far = func.sum(case((first.c.first_at.is_not(None), 1), else_=0))
    query = parties_by_cycle(
        plan, first, ReportingCycle.id, Party.regional_group, func.count(Party.id), *by, so_far
    )
    return db.session.execute(query.group_by(ReportingCycle.id, Party.regional_group))


def submission_timeline(selection: ExportFilters | ExportPlan) -> list[dict]:
    """One dict per cycle x group (overall first, `region` None): cycle_code, cycle_year,
    due_date (ISO text), region, parties, submitted (so far), and `checkpoints`, in time
    order: [{key ("-90" ... "+365", "now"), days (None for now), at (ISO instant; None for
    now), reached, submitted, share}] (see the module)."""
    plan = ensure_plan(selection)
    groups = regions(plan)
    width = len(CHECKPOINTS) + 1
    # (cycle id, group) -> [parties, submitted by each checkpoint]
    table: dict[tuple[int, str | None], list[Any]] = {
        (c.id, g): [0, [0] * width] for c in plan.cycles for g in (None, *groups)
    }
    for cycle_id, region, n, *counts in _counts(plan):
        for g in (None, region.value):
            cell = table[(cycle_id, g)]
            cell[0] += n
            cell[1] = [total + int(k or 0) for total, k in zip(cell[1], counts)]
    now = utcnow()
    out = []
    for cycle in plan.cycles:
        for region in (None, *groups):
            parties, counts = table[(cycle.id, region)]
            points = []
            for days, count in zip((*CHECKPOINTS, None), counts):
                at = checkpoint_at(cycle, days) if days is not None else None
                reached = at is None or at <= now
                points.append(
                    {
                        "key": checkpoint_key(days),
                        "days": days,
                        "at": at.isoformat() if at else None,
                        "reached": reached,
                        "submitted": count if reached else None,
                        "share": count / parties if reached and parties else None,
                    }
                )
            out.append(
                {
                    "cycle_code": cycle.code,
                    "cycle_year": cycle.year,
                    "due_date": cycle.due_date.isoformat(),
                    "region": region,
                    "parties": parties,
                    "submitted": counts[-1],
                    "checkpoints": points,
                }
            )
    return out
