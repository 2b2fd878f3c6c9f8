"""Reporting performance: submission rate and on-time share per cycle and regional group.

- parties: Parties in the group (all Parties, as on the secretariat's dashboard);
- submitted: Parties whose report for the cycle has at least one submitted version
  (status submitted, accepted, or returned for revision: they did report);
- submission_rate = submitted / parties;
- on_time: of those, Parties whose first submission came before the end of the due
  date (UTC); on_time_share = on_time / submitted (None when nobody submitted);
- published: Parties whose report is published (accepted and past any embargo);
- by_status: Parties per status, "not_started" when there is no report.
The cycle, region and Party filters apply; status filters do not (statuses are what is
counted). One GROUP BY query over Parties x cycles.

The `published` audience (partners, the public dashboard) must not see work in progress:
a draft is not public, so drafts count as "not_started" and `by_status` has no "draft".
That a Party submitted, and when, is public: `submitted` and `on_time` are the same for
every audience.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import String, and_, case, func, literal, select, type_coerce

from ..exports.filters import ExportFilters
from ..exports.long import ensure_plan
from ..exports.plan import CycleInfo, ExportPlan
from ..extensions import db
from ..models import Party, RegionalGroup, Report, ReportingCycle, ReportStatus, Submission
from .population import regions

STATUSES = ("not_started", *(s.value for s in ReportStatus))
#: The statuses the published audience sees (a draft is not public).
PUBLISHED_STATUSES = tuple(s for s in STATUSES if s != ReportStatus.draft.value)


def due_end(cycle: CycleInfo) -> datetime:
    """Submissions before this instant (the end of the due day, UTC) are on time."""
    return datetime.combine(cycle.due_date + timedelta(days=1), time.min, tzinfo=UTC)


def first_submissions():
    """Per report, when its first version was submitted (`first_at`): a late resubmission
    does not move it."""
    return (
        select(Submission.report_id, func.min(Submission.submitted_at).label("first_at"))
        .group_by(Submission.report_id)
        .subquery("first_submission")
    )


def parties_by_cycle(plan: ExportPlan, first, *columns):
    """SELECT `columns` FROM every Party x selected cycle, with the Party's report for the
    cycle (outer join: none when not started) and its first submission (`first`, from
    `first_submissions()`), the selection's region and Party filters applied."""
    query = (
        select(*columns)
        .select_from(Party)
        .join(ReportingCycle, ReportingCycle.id.in_([c.id for c in plan.cycles]))
        .outerjoin(Report, and_(Report.party_id == Party.id, Report.cycle_id == ReportingCycle.id))
        .outerjoin(first, first.c.report_id == Report.id)
    )
    if plan.filters.regions:
        chosen = [RegionalGroup(r) for r in plan.filters.regions]
        query = query.where(Party.regional_group.in_(chosen))
    if plan.party_ids:
        query = query.where(Party.id.in_(list(plan.party_ids.values())))
    return query


def _counts(plan: ExportPlan):
    first = first_submissions()
    on_time = case(
        *((and_(ReportingCycle.id == c.id, first.c.first_at < due_end(c)), 1) for c in plan.cycles),
        else_=0,
    )
    submitted = case((Report.submitted_versions > 0, 1), else_=0)
    published = case((Report.published_clause(), 1), else_=0)
    status = func.coalesce(type_coerce(Report.status, String), literal("not_started"))
    query = parties_by_cycle(
        plan,
        first,
        ReportingCycle.id,
        Party.regional_group,
        status,
        func.count(Party.id),
        func.sum(submitted),
        func.sum(on_time),
        func.sum(published),
    )
    return db.session.execute(query.group_by(ReportingCycle.id, Party.regional_group, status))


def reporting_performance(selection: ExportFilters | ExportPlan) -> list[dict]:
    """One dict per cycle x group (overall first, `region` None): cycle_code, cycle_year,
    due_date (ISO text), region, parties, by_status, submitted, submission_rate, on_time,
    on_time_share, published (see the module)."""
    plan = ensure_plan(selection)
    groups = regions(plan)
    public = plan.filters.published
    statuses = PUBLISHED_STATUSES if public else STATUSES
    table: dict[tuple[int, str | None], dict[str, Any]] = {
        (c.id, g): {
            "parties": 0,
            "submitted": 0,
            "on_time": 0,
            "published": 0,
            "by_status": dict.fromkeys(statuses, 0),
        }
        for c in plan.cycles
        for g in (None, *groups)
    }
    for cycle_id, region, status, n, submitted, on_time, published in _counts(plan):
        if public and status == ReportStatus.draft.value:
            status = "not_started"
        for g in (None, region.value):
            cell = table[(cycle_id, g)]
            cell["parties"] += n
            cell["submitted"] += int(submitted or 0)
            cell["on_time"] += int(on_time or 0)
            cell["published"] += int(published or 0)
            cell["by_status"][status] += n
    out = []
    for cycle in plan.cycles:
        for region in (None, *groups):
            cell = table[(cycle.id, region)]
            out.append(
                {
                    "cycle_code": cycle.code,
                    "cycle_year": cycle.year,
                    "due_date": cycle.due_date.isoformat(),
                    "region": region,
                    **cell,
                    "submission_rate": cell["submitted"] / cell["parties"]
                    if cell["parties"]
                    else None,
                    "on_time_share": cell["on_time"] / cell["submitted"]
                    if cell["submitted"]
                    else None,
                }
            )
    return out
