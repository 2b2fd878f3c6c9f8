"""The state of a reporting cycle: every Party with its status, and counts by region.

"Not started" is the absence of a report, so the Parties are the rows and their report
for the cycle is outer-joined; submission dates and the last audit event come from
grouped subqueries. One query for the list, one GROUP BY for the counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import String, and_, func, select, type_coerce

from ..extensions import db
from ..geography.names import country_name, sort_key
from ..models import AuditEvent, Party, RegionalGroup, Report, ReportingCycle, Submission
from ..models.types import utcnow

#: Reporting statuses in workflow order; "not_started" means there is no report.
STATUSES = ("not_started", "draft", "submitted", "returned", "accepted")
#: Statuses of Parties that have submitted at least once (a returned report was submitted).
SUBMITTED = ("submitted", "returned", "accepted")
#: Orders the list can be sorted by (query-string values).
SORTS = ("name", "iso3", "region", "status", "activity", "submitted", "timeliness")
TIMELINESS = ("on_time", "late", "overdue", "pending")


@dataclass(frozen=True)
class PartyRow:
    party_id: int
    iso3: str
    name: str
    region: str
    report_id: int | None
    status: str
    last_activity: datetime | None
    first_submitted_at: datetime | None
    last_submitted_at: datetime | None
    versions: int
    #: "on_time"/"late" by the first submission; "overdue"/"pending" while not submitted.
    timeliness: str


@dataclass
class GroupCounts:
    """Counts of one regional group (or of all Parties when `region` is None)."""

    region: str | None
    total: int = 0
    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    submitted: int = 0
    on_time: int = 0

    @property
    def submission_rate(self) -> float:
        return self.submitted / self.total if self.total else 0.0

    @property
    def on_time_share(self) -> float:
        return self.on_time / self.submitted if self.submitted else 0.0


def _due_end(cycle: ReportingCycle) -> datetime:
    """Submissions before this instant (the end of the due day, UTC) are on time."""
    return datetime.combine(cycle.due_date + timedelta(days=1), time.min, tzinfo=UTC)


def _status_expression():
    return func.coalesce(type_coerce(Report.status, String), "not_started")


def _submissions(cycle: ReportingCycle):
    return (
        select(
            Submission.report_id,
            func.min(Submission.submitted_at).label("first_at"),
            func.max(Submission.submitted_at).label("last_at"),
        )
        .join(Report, Report.id == Submission.report_id)
        .where(Report.cycle_id == cycle.id)
        .group_by(Submission.report_id)
        .subquery()
    )


def _parties_with_reports(cycle: ReportingCycle):
    return and_(Report.party_id == Party.id, Report.cycle_id == cycle.id)


def party_rows(
    cycle: ReportingCycle,
    *,
    region: str | None = None,
    statuses: list[str] | tuple[str, ...] = (),
    search: str | None = None,
    sort: str = "name",
    descending: bool = False,
    today: date | None = None,
) -> list[PartyRow]:
    """Every Party (filtered) with its status in `cycle`, sorted."""
    subs = _submissions(cycle)
    events = (
        select(AuditEvent.report_id, func.max(AuditEvent.at).label("last_at"))
        .join(Report, Report.id == AuditEvent.report_id)
        .where(Report.cycle_id == cycle.id)
        .group_by(AuditEvent.report_id)
        .subquery()
    )
    status = _status_expression().label("status")
    query = (
        select(
            Party.id,
            Party.iso3,
            Party.name,
            Party.regional_group,
            Report.id,
            status,
            Report.updated_at,
            Report.submitted_versions,
            subs.c.first_at,
            subs.c.last_at,
            events.c.last_at,
        )
        .outerjoin(Report, _parties_with_reports(cycle))
        .outerjoin(subs, subs.c.report_id == Report.id)
        .outerjoin(events, events.c.report_id == Report.id)
    )
    if region:
        query = query.where(Party.regional_group == RegionalGroup(region))
    if statuses:
        query = query.where(_status_expression().in_(list(statuses)))
    needle = sort_key(search.strip()) if search and search.strip() else None
    today = today or utcnow().date()
    rows = [
        PartyRow(
            party_id=pid,
            iso3=iso3,
            name=country_name(iso3),
            region=group.value,
            report_id=rid,
            status=st,
            last_activity=_latest(updated, last_event),
            first_submitted_at=first,
            last_submitted_at=last,
            versions=versions or 0,
            timeliness=_timeliness(cycle, first, today),
        )
        for pid, iso3, name, group, rid, st, updated, versions, first, last, last_event in db.session.execute(
            query
        )
        if needle is None or _matches(needle, iso3, name)
    ]
    return sort_rows(rows, sort, descending)


def _matches(needle: str, iso3: str, english: str) -> bool:
    """Whether a search (a `sort_key`) is in the Party's code, English name or UN name in
    the current language."""
    return any(needle in sort_key(text) for text in (iso3, english, country_name(iso3)))


def _latest(*moments: datetime | None) -> datetime | None:
    present = [m for m in moments if m is not None]
    return max(present) if present else None


def _timeliness(cycle: ReportingCycle, first_submitted: datetime | None, today: date) -> str:
    if first_submitted is not None:
        return "on_time" if first_submitted < _due_end(cycle) else "late"
    return "overdue" if today > cycle.due_date else "pending"


_EPOCH = datetime(1, 1, 1, tzinfo=UTC)
_SORT_KEYS = {
    "name": lambda r: sort_key(r.name),
    "iso3": lambda r: r.iso3,
    "region": lambda r: r.region,
    "status": lambda r: STATUSES.index(r.status),
    "activity": lambda r: r.last_activity or _EPOCH,
    "submitted": lambda r: r.first_submitted_at or _EPOCH,
    "timeliness": lambda r: TIMELINESS.index(r.timeliness),
}


def sort_rows(rows: list[PartyRow], sort: str, descending: bool = False) -> list[PartyRow]:
    """Sorted by `sort`; ties stay in name order whichever the direction (stable sorts)."""
    by_name = sorted(rows, key=_SORT_KEYS["name"])
    return sorted(by_name, key=_SORT_KEYS.get(sort, _SORT_KEYS["name"]), reverse=descending)


def cycle_counts(cycle: ReportingCycle) -> tuple[GroupCounts, list[GroupCounts]]:
    """Counts per status, submissions and on-time submissions: overall and per region.

    The numbers come from `reporting.analysis.reporting_performance`, so the dashboard
    and the effectiveness-evaluation aggregates can never disagree."""
    from ..analysis import ExportFilters, reporting_performance

    groups = [
        GroupCounts(
            region=row["region"],
            total=row["parties"],
            by_status=dict(row["by_status"]),
            submitted=row["submitted"],
            on_time=row["on_time"],
        )
        for row in reporting_performance(ExportFilters(cycles=(cycle.code,)))
    ]
    overall = next(g for g in groups if g.region is None)
    return overall, [g for g in groups if g.region is not None]


def cycles_overview() -> list[tuple[ReportingCycle, dict[str, int]]]:
    """Every cycle with its number of reports per status (one GROUP BY)."""
    cycles = db.session.scalars(select(ReportingCycle).order_by(ReportingCycle.year)).all()
    counts: dict[int, dict[str, int]] = {c.id: {} for c in cycles}
    for cycle_id, st, n in db.session.execute(
        select(Report.cycle_id, type_coerce(Report.status, String), func.count(Report.id)).group_by(
            Report.cycle_id, Report.status
        )
    ):
        counts[cycle_id][st] = n
    return [(c, counts[c.id]) for c in cycles]


def default_cycle() -> ReportingCycle | None:
    """The cycle to show first: the latest one with reports, else the next one due."""
    latest = db.session.scalars(
        select(ReportingCycle)
        .join(Report, Report.cycle_id == ReportingCycle.id)
        .order_by(ReportingCycle.year.desc())
        .limit(1)
    ).first()
    if latest is not None:
        return latest
    today = utcnow().date()
    return db.session.scalars(
        select(ReportingCycle).order_by((ReportingCycle.due_date < today), ReportingCycle.due_date)
    ).first()
