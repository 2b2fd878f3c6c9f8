"""The Party's side of queries: see a report's threads and reply.

Party users reach only their own Party's reports (`policy.can`); another Party's report
is a 404, as if it did not exist.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forms.queries import ReplyForm

from ..extensions import db
from ..models import AnswerQuery, Report
from ..policy import can
from ..redirects import safe_target
from . import threads
from .presentation import status_label, thread_views

bp = Blueprint("queries", __name__)


@bp.app_template_global()
def query_threads(report):
    """The report's query threads for templates (empty for users who may not see them)."""
    if report is None or not can(current_user, "report.view", report):
        return []
    return thread_views(report)


@bp.app_template_filter()
def query_status_label(status) -> str:
    return status_label(status)


@bp.app_template_global()
def can_reply_to_queries(report) -> bool:
    return can(current_user, "query.reply", report)


@bp.get("/reports/<int(min=1, max=2147483647):report_id>/queries")
@login_required
def report_queries(report_id):
    report = db.get_or_404(Report, report_id)
    if not can(current_user, "report.view", report):
        abort(404)
    return render_template("queries/report_queries.html", report=report)


@bp.post("/queries/<int(min=1, max=2147483647):query_id>/reply")
@login_required
def reply(query_id):
    query = db.get_or_404(AnswerQuery, query_id)
    if not can(current_user, "report.view", query.report):
        abort(404)
    if not can(current_user, "query.reply", query.report):
        abort(403)
    form = ReplyForm()
    if not form.validate():
        flash(_("Write your reply."), "error")
    else:
        try:
            threads.reply(query, current_user, form.text.data)
        except threads.QueryError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("Your reply was sent to the secretariat."), "success")
    back = safe_target(form.next.data, url_for("queries.report_queries", report_id=query.report_id))
    return redirect(f"{back}#query-{query.id}")
