"""What a client may see of national data, and reports' answers as typed JSON.

`read:published` clients (partners, the public dashboard) see published reports only
(accepted, past any embargo: `Report.published_clause`), and of those the accepted
version's answers minus confidential answers, answers that identify a person
(questions marked `personal` in the format) and answers to follow-up questions whose
condition holds only through a confidential answer. `read:all` clients (the secretariat's tools)
see every report, the latest submitted version (or the working copy), everything in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import ChangeEvent, Party, Report, ReportingCycle, Submission
from ..reports import reading
from .feed import PUBLICATION


@dataclass(frozen=True)
class ReportFilters:
    cycle: str | None = None
    party: str | None = None
    region: str | None = None
    statuses: tuple[str, ...] = ()
    updated_since: datetime | None = None


def changed_at(everything: bool):
    """The column `updated_since` and `updated_at` mean for the audience."""
    return Report.updated_at if everything else Report.publish_after


def reports_query(everything: bool, filters: ReportFilters) -> Select:
    query = (
        select(Report)
        .join(Party, Party.id == Report.party_id)
        .join(ReportingCycle, ReportingCycle.id == Report.cycle_id)
    )
    if not everything:
        query = query.where(Report.published_clause())
    if filters.cycle:
        query = query.where(ReportingCycle.code == filters.cycle)
    if filters.party:
        query = query.where(Party.iso3 == filters.party.upper())
    if filters.region:
        query = query.where(Party.regional_group == filters.region)
    if filters.statuses:
        query = query.where(Report.status.in_(filters.statuses))
    if filters.updated_since is not None:
        query = query.where(changed_at(everything) >= filters.updated_since)
    return query.options(selectinload(Report.party), selectinload(Report.cycle)).order_by(Report.id)


def visible_report(report_id: int, everything: bool) -> Report | None:
    query = select(Report).where(Report.id == report_id)
    if not everything:
        query = query.where(Report.published_clause())
    return db.session.scalars(query).first()


def shown_version_no(report: Report) -> int | None:
    """The version whose answers a client gets (the accepted one once accepted)."""
    return report.submitted_versions or None


def published_versions(report: Report) -> set[int]:
    """Versions that have been public: the accepted one, and any published before it."""
    versions = {
        v
        for v in db.session.scalars(
            select(ChangeEvent.version_no).where(
                ChangeEvent.report_id == report.id,
                ChangeEvent.event.in_(PUBLICATION),
                ChangeEvent.seq.is_not(None),
                ChangeEvent.version_no.is_not(None),
            )
        )
        if v is not None
    }
    if report.is_published and report.submitted_versions:
        versions.add(report.submitted_versions)
    return versions


def version_answers(report: Report, version: Submission | None, everything: bool) -> dict:
    """Answers of a submitted version (or, with None, the working copy), typed, filtered
    for the audience, as JSON."""
    read = (
        reading.submitted(version, report.cycle.kind)
        if version is not None
        else reading.working_copy(report)
    )
    if not everything:
        read = reading.published(read)
    return {key: _answer_json(answer, everything) for key, answer in read.answers.items()}


def _answer_json(answer: dict, everything: bool) -> dict:
    out = {
        "state": answer.get("state", "value"),
        "value": jsonable(answer.get("value")),
        "comment": answer.get("comment"),
    }
    if everything:
        out["confidential"] = bool(answer.get("confidential"))
    return out


def jsonable(value):
    """A typed value in JSON terms: exact decimals as numbers, dates as ISO 8601."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value
