"""The secretariat's work lists: reports awaiting review and open queries, filtered."""

from __future__ import annotations

from flask import render_template, request

from ...extensions import db
from ...models import ReportingCycle
from .. import queue
from . import bp


def _cycles():
    return db.session.scalars(
        db.select(ReportingCycle).order_by(ReportingCycle.year.desc(), ReportingCycle.code)
    ).all()


@bp.get("/review-queue")
def review_queue():
    filters = queue.Filters.from_args(request.args)
    reports = queue.awaiting_review(filters)
    return render_template(
        "secretariat/review_queue.html",
        reports=reports,
        filters=filters,
        cycles=_cycles(),
        ages=queue.AGES,
        days_waiting=queue.days_waiting,
        open_counts=queue.open_query_counts(r.id for r in reports),
    )


@bp.get("/open-queries")
def open_queries():
    filters = queue.Filters.from_args(request.args)
    return render_template(
        "secretariat/open_queries.html",
        queries=queue.open_queries(filters),
        filters=filters,
        cycles=_cycles(),
        ages=queue.AGES,
        days_waiting=queue.days_waiting,
    )
