"""The secretariat's work lists: reports awaiting review (submitted, neither accepted nor
returned yet) and queries still open across all reports, with the same filters (cycle,
regional group, Party, age in days)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import (
    AnswerQuery,
    Party,
    QueryStatus,
    RegionalGroup,
    Report,
    ReportingCycle,
    ReportStatus,
)
from ..models.types import utcnow

#: Ages a list can be filtered by: at least this many days waiting.
AGES = (7, 14, 30, 60)


@dataclass(frozen=True)
class Filters:
    cycle: str | None = None
    region: str | None = None
    party: str | None = None  #: ISO3
    min_days: int | None = None

    @classmethod
    def from_args(cls, args) -> Filters:
        """From a query string; unknown values are ignored."""
        region = args.get("region")
        party = (args.get("party") or "").strip().upper()[:3]
        age = args.get("age", type=int)
        return cls(
            cycle=(args.get("cycle") or "").strip()[:40] or None,
            region=region if region in RegionalGroup._value2member_map_ else None,
            party=party if party.isalpha() and len(party) == 3 else None,
            min_days=age if age in AGES else None,
        )


def _filtered(query: Select, filters: Filters, since, now: datetime | None) -> Select:
    query = query.join(Party, Report.party_id == Party.id).join(
        ReportingCycle, Report.cycle_id == ReportingCycle.id
    )
    if filters.cycle:
        query = query.where(ReportingCycle.code == filters.cycle)
    if filters.region:
        query = query.where(Party.regional_group == RegionalGroup(filters.region))
    if filters.party:
        query = query.where(Party.iso3 == filters.party)
    if filters.min_days:
        query = query.where(since <= (now or utcnow()) - timedelta(days=filters.min_days))
    return query


def awaiting_review(filters: Filters = Filters(), now: datetime | None = None) -> Sequence[Report]:
    """Submitted reports waiting for a decision, the longest waiting first."""
    query = _filtered(
        select(Report).where(Report.status == ReportStatus.submitted),
        filters,
        Report.submitted_at,
        now,
    )
    return db.session.scalars(
        query.options(selectinload(Report.party), selectinload(Report.cycle)).order_by(
            Report.submitted_at, Report.id
        )
    ).all()


def open_queries(
    filters: Filters = Filters(), now: datetime | None = None
) -> Sequence[AnswerQuery]:
    """Queries not resolved yet (waiting for the Party or for the secretariat), oldest first."""
    query = _filtered(
        select(AnswerQuery)
        .join(Report, AnswerQuery.report_id == Report.id)
        .where(AnswerQuery.status != QueryStatus.resolved),
        filters,
        AnswerQuery.created_at,
        now,
    )
    return db.session.scalars(
        query.options(
            selectinload(AnswerQuery.report).selectinload(Report.party),
            selectinload(AnswerQuery.report).selectinload(Report.cycle),
            selectinload(AnswerQuery.messages),
        ).order_by(AnswerQuery.created_at, AnswerQuery.id)
    ).all()


def open_query_counts(report_ids) -> dict[int, int]:
    """Report id -> how many of its queries are not resolved."""
    ids = list(report_ids)
    if not ids:
        return {}
    return dict(
        db.session.execute(
            select(AnswerQuery.report_id, func.count())
            .where(AnswerQuery.report_id.in_(ids), AnswerQuery.status != QueryStatus.resolved)
            .group_by(AnswerQuery.report_id)
        )
        .tuples()
        .all()
    )


def days_waiting(since: datetime | None, now: datetime | None = None) -> int:
    return max(0, ((now or utcnow()) - since).days) if since else 0
