"""Home: the user's notifications, the Party's open queries, and its reports by cycle
with status, due date, days left and progress."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, redirect, render_template
from flask_login import current_user, login_required
from sqlalchemy import select

from forms.reports import ActionForm

from ..extensions import db
from ..models import Report, ReportingCycle
from ..notifications import inbox
from ..policy import can, scope_reports
from ..queries.presentation import ThreadView, thread_views
from ..reports.answers import load_answers
from ..reports.workflow import report_format
from .blueprint import web_blueprint
from .common import optional_url
from .pages import report_pages
from .progress import PageProgress, days_left, page_progress, status_key
from .team_progress import PersonProgress, team_of

bp = web_blueprint(Blueprint("home", __name__))


@dataclass
class CycleRow:
    cycle: ReportingCycle
    report: Report | None
    status: str
    days_left: int
    progress: list[PageProgress]
    #: The work shared in the team: who was assigned what, and how far they are.
    team: list[PersonProgress]


@bp.get("/")
@login_required
def index():
    if not current_user.role.is_national:
        staff_home = optional_url("secretariat.home")
        if staff_home:
            return redirect(staff_home)
        return render_template("home.html", rows=[], form=None)
    cycles = db.session.scalars(
        select(ReportingCycle)
        .where(ReportingCycle.convention.in_(current_user.convention_codes))
        .order_by(ReportingCycle.year.desc(), ReportingCycle.code)
    ).all()
    reports = {
        r.cycle_id: r for r in db.session.scalars(scope_reports(select(Report), current_user))
    }
    rows = []
    open_queries: list[ThreadView] = []
    for cycle in cycles:
        report = reports.get(cycle.id)
        progress: list[PageProgress] = []
        team: list[PersonProgress] = []
        if report is not None:
            fmt = report_format(report)
            answers = load_answers(report, fmt)
            progress = page_progress(fmt, cycle.kind, answers)
            if report.is_editable:
                pages = report_pages(fmt, cycle.kind)
                team = team_of(current_user, report, fmt, cycle.kind, pages, answers)
            open_queries += [t for t in thread_views(report) if t.query.status.value != "resolved"]
        rows.append(CycleRow(cycle, report, status_key(report), days_left(cycle), progress, team))
    return render_template(
        "home.html",
        rows=rows,
        form=ActionForm(),
        may_start=can(current_user, "report.start", current_user.party_id),
        notifications=inbox.recent(current_user),
        open_queries=open_queries,
    )
