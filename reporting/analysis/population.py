"""Who reported and who was asked: the denominators of every count and share.

- reporting: Parties with a selected report in the cycle (status, publication, region
  and Party filters of the selection);
- asked: those of them to whom a question applied: the question is in the cycle's
  report kind and its `visible_if` condition holds for their answers (for published
  data, for their answers that are not confidential).
Both are counted per cycle and regional group in the database (GROUP BY); the overall
figures are sums over the groups.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func

from ..exports.conditions import condition_sql, published_view
from ..exports.plan import ExportPlan
from ..exports.scope import reports_query
from ..extensions import db
from ..models import Party, RegionalGroup, Report

ALL_REGIONS = tuple(g.value for g in RegionalGroup)


def regions(plan: ExportPlan) -> tuple[str, ...]:
    """The regional groups a selection covers, in the standard order."""
    chosen = plan.filters.regions
    return tuple(r for r in ALL_REGIONS if not chosen or r in chosen)


@dataclass
class Population:
    reporting: dict[tuple[int, str], int]
    #: (cycle id, region, question key) -> Parties asked; only for conditional questions.
    conditional: dict[tuple[int, str, str], int]

    def reporting_in(self, cycle_id: int, region: str | None, groups: tuple[str, ...]) -> int:
        return sum(self.reporting.get((cycle_id, g), 0) for g in self._groups(region, groups))

    def asked_in(self, cycle_id: int, region: str | None, key: str, groups: tuple[str, ...]) -> int:
        # A conditional question has a count for every group with reports; the others
        # were asked of every reporting Party.
        return sum(
            self.conditional.get((cycle_id, g, key), self.reporting.get((cycle_id, g), 0))
            for g in self._groups(region, groups)
        )

    @staticmethod
    def _groups(region, groups):
        return groups if region is None else (region,)


def population(plan: ExportPlan) -> Population:
    group = (Report.cycle_id, Party.regional_group)
    reporting = {
        (cycle_id, region.value): n
        for cycle_id, region, n in db.session.execute(
            reports_query(plan, *group, func.count(Report.id)).group_by(*group)
        )
    }
    conditional: dict[tuple[int, str, str], int] = {}
    for cycle in plan.cycles:
        keys = [k for k in cycle.keys if cycle.format.question(k).visible_if]
        if not keys:
            continue
        view = published_view(cycle.format) if plan.filters.published else None
        counts = [
            func.sum(
                case(
                    (condition_sql(cycle.format.question(k).visible_if, Report.id, view), 1),
                    else_=0,
                )
            )
            for k in keys
        ]
        query = reports_query(plan, *group, *counts).where(Report.cycle_id == cycle.id)
        for cycle_id, region, *asked in db.session.execute(query.group_by(*group)):
            for key, n in zip(keys, asked):
                conditional[(cycle_id, region.value, cycle.series_key(key))] = int(n or 0)
    return Population(reporting, conditional)
