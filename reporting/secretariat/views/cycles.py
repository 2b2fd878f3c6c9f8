"""The cycle dashboard and its CSV download."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_login import current_user

from forms.reports import ActionForm

from ... import audit
from ...extensions import db
from ...models import RegionalGroup
from ...notifications import inbox
from ...policy import can
from .. import dashboard
from ..downloads import party_rows_csv
from . import bp
from .common import csv_response, cycle_or_404


def filters_from(args) -> dict:
    """Dashboard filters and order from the query string (unknown values are ignored)."""
    region = args.get("region")
    sort = args.get("sort")
    return {
        "region": region if region in RegionalGroup._value2member_map_ else None,
        "statuses": [s for s in args.getlist("status") if s in dashboard.STATUSES],
        "search": (args.get("q") or "").strip()[:100] or None,
        "sort": sort if sort in dashboard.SORTS else "name",
        "descending": args.get("dir") == "desc",
    }


def _page(cycle):
    filters = filters_from(request.args)
    rows = dashboard.party_rows(cycle, **filters)
    overall, regions = dashboard.cycle_counts(cycle)
    return render_template(
        "secretariat/dashboard.html",
        cycle=cycle,
        rows=rows,
        overall=overall,
        regions=regions,
        filters=filters,
        cycles=dashboard.cycles_overview(),
        can_export=can(current_user, "data.export"),
        notifications=inbox.recent(current_user),
        form=ActionForm(),
    )


@bp.get("/")
def home():
    cycle = dashboard.default_cycle()
    if cycle is None:
        abort(404)
    return _page(cycle)


@bp.get("/cycles/<code>")
def cycle_dashboard(code):
    return _page(cycle_or_404(code))


@bp.get("/cycles/<code>/parties.csv")
def cycle_csv(code):
    if not can(current_user, "data.export"):
        abort(403)
    cycle = cycle_or_404(code)
    filters = filters_from(request.args)
    rows = dashboard.party_rows(cycle, **filters)
    audit.record("export.parties_csv", current_user, cycle=cycle.code, **filters)
    db.session.commit()
    return csv_response(party_rows_csv(cycle, rows), f"ort-{cycle.code}-parties.csv")
