"""What the public pages count: published reports only, in the page's language.

Every aggregate of the dashboard is `reporting.analysis` over `ExportFilters` with the
`published` audience: the same selection a partner's API token gets, so the numbers are
the API's and (for accepted reports past their embargo) the secretariat's.
"""

from __future__ import annotations

from flask import abort, request
from flask_babel import get_locale
from sqlalchemy import select

from ..analysis import ExportFilters, FilterError
from ..extensions import db
from ..models import RegionalGroup, Report, ReportingCycle


def language() -> str:
    locale = get_locale()
    return locale.language if locale else "en"


def published_filters(**selection) -> ExportFilters:
    """Published data in the page's language; unknown codes are a 404."""
    try:
        return ExportFilters(audience="published", language=language(), **selection)
    except FilterError:
        abort(404)


def cycles() -> list[ReportingCycle]:
    """Every reporting cycle, oldest first."""
    return list(
        db.session.scalars(
            select(ReportingCycle).order_by(ReportingCycle.year, ReportingCycle.code)
        )
    )


def published_cycles() -> list[ReportingCycle]:
    """Cycles with at least one published report, oldest first."""
    ids = set(
        db.session.scalars(select(Report.cycle_id).where(Report.published_clause()).distinct())
    )
    return [c for c in cycles() if c.id in ids]


def chosen_cycle(default_latest: bool = True) -> ReportingCycle | None:
    """The cycle of `?cycle=` (404 if unknown), else the latest with published reports."""
    code = (request.args.get("cycle") or "")[:32]
    if code:
        cycle = db.session.scalars(
            select(ReportingCycle).where(ReportingCycle.code == code)
        ).first()
        if cycle is None:
            abort(404)
        return cycle
    published = published_cycles()
    if published:
        return published[-1]
    every = cycles()
    return every[-1] if every and default_latest else None


def chosen_region() -> str | None:
    """The regional group of `?region=` (None for all; an unknown one is a 404)."""
    region = request.args.get("region") or None
    if region is not None and region not in RegionalGroup._value2member_map_:
        abort(404)
    return region
