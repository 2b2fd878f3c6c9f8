"""Reviewing a report: read a version, compare versions, raise and resolve queries on
answers, return for revision or accept (with an optional embargo)."""

from __future__ import annotations

from datetime import UTC, datetime, time

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forms.secretariat import AcceptForm, AskQueryForm, MessageForm, ReturnForm

from ...extensions import db
from ...inputs import int_arg
from ...models import AnswerQuery
from ...policy import can
from ...queries import threads
from ...reports import workflow
from ...reports.versions import SnapshotAltered, altered_versions, submissions_of
from .. import review
from . import bp
from .common import MAX_ID, report_or_404


def _version_arg(name: str) -> int | None:
    return int_arg(name, high=10_000)


@bp.get(f"/reports/<int(min=1, max={MAX_ID}):report_id>")
def report(report_id):
    report = report_or_404(report_id)
    if not can(current_user, "report.view", report):
        abort(404)
    versions = submissions_of(report)
    # Versions whose stored answers no longer match their hash: named in a banner, and
    # their answers are never shown (nor compared) as if they were the Party's.
    altered = altered_versions(report)
    flags: list[review.FlagView] = []
    try:
        version, sections = review.read_version(report, _version_arg("version"))
        flags = review.version_flags(report, version.version_no if version else None)
    except LookupError:
        abort(404)
    except SnapshotAltered as exc:
        version = next(v for v in versions if v.version_no == exc.version_no)
        sections = []
    queries = threads.report_queries(report)
    by_question: dict[str, list[AnswerQuery]] = {}
    for query in queries:
        by_question.setdefault(query.question_key, []).append(query)
    compare = _version_arg("compare")
    changes = None
    if (
        compare
        and version is not None
        and compare != version.version_no
        and not {compare, version.version_no} & set(altered)
    ):
        changes = review.compare_versions(report, compare, version.version_no)
        if changes is None:
            abort(404)
    return render_template(
        "secretariat/report.html",
        report=report,
        version=version,
        sections=sections,
        flags=flags,
        altered=altered,
        version_altered=version is not None and version.version_no in altered,
        versions=versions,
        compare=compare,
        changes=changes,
        queries=queries,
        queries_by_question=by_question,
        revised=threads.revised_since_asked(report, queries),
        trail=review.audit_trail(report),
        can_review=can(current_user, "report.review", report),
        can_query=can(current_user, "query.ask", report) and report.submitted_versions > 0,
        return_form=ReturnForm(),
        accept_form=AcceptForm(),
        pdf_url=lambda n: url_for("pdf.report_pdf", report_id=report.id, version=n),
    )


def _back(report, anchor: str | None = None):
    version = int_arg("version", values=request.form, high=10_000)
    return redirect(
        url_for("secretariat.report", report_id=report.id, version=version or None, _anchor=anchor)
    )


@bp.post(f"/reports/<int(min=1, max={MAX_ID}):report_id>/return")
def return_report(report_id):
    report = report_or_404(report_id)
    if not can(current_user, "report.review", report):
        abort(403)
    form = ReturnForm()
    if not form.validate():
        flash(_("Say what needs to be revised."), "error")
        return _back(report, "decision")
    try:
        workflow.return_for_revision(report, current_user, form.message.data)
    except workflow.WorkflowError as exc:
        flash(str(exc), "error")
        return _back(report, "decision")
    db.session.commit()
    flash(_("The report was returned to the Party for revision."), "success")
    return _back(report)


def embargo_datetime(day) -> datetime | None:
    """An embargo date means publication at the start of that day, UTC."""
    return datetime.combine(day, time.min, tzinfo=UTC) if day else None


@bp.post(f"/reports/<int(min=1, max={MAX_ID}):report_id>/accept")
def accept_report(report_id):
    report = report_or_404(report_id)
    if not can(current_user, "report.review", report):
        abort(403)
    form = AcceptForm()
    if not form.validate():
        flash(_("The embargo date is not a valid date."), "error")
        return _back(report, "decision")
    try:
        workflow.accept(
            report,
            current_user,
            embargo_until=embargo_datetime(form.embargo_until.data),
            confirm_open_queries=form.confirm_open_queries.data,
        )
    except workflow.OpenQueries as exc:
        # Asked once: the page says how many queries are open and offers to accept anyway.
        return render_template(
            "secretariat/accept_confirm.html",
            report=report,
            open_queries=exc.count,
            embargo=form.embargo_until.data,
            version=int_arg("version", values=request.form, high=10_000),
        )
    except workflow.WorkflowError as exc:
        flash(str(exc), "error")
        return _back(report, "decision")
    db.session.commit()
    if report.is_published:
        flash(_("The report was accepted and is published."), "success")
    else:
        flash(
            _(
                "The report was accepted; it will be published on %(date)s.",
                date=report.publish_after.date().isoformat(),
            ),
            "success",
        )
    return _back(report)


@bp.post(f"/reports/<int(min=1, max={MAX_ID}):report_id>/queries")
def ask_query(report_id):
    report = report_or_404(report_id)
    if not can(current_user, "query.ask", report):
        abort(403)
    form = AskQueryForm()
    key = form.question_key.data
    if form.validate():
        try:
            query = threads.ask(
                report,
                current_user,
                key,
                form.text.data,
                row_index=form.row.data - 1 if form.row.data else None,
                column_key=form.column.data or None,
            )
        except threads.QueryError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("The query was sent to the Party."), "success")
            return _back(report, f"query-{query.id}")
    else:
        flash(_("Write your query."), "error")
    return _back(report, f"q-{key}" if key else None)


def _query_or_404(query_id) -> AnswerQuery:
    query = db.get_or_404(AnswerQuery, query_id)
    if not can(current_user, "query.ask", query.report):
        abort(403)
    return query


@bp.post(f"/queries/<int(min=1, max={MAX_ID}):query_id>/follow-up")
def follow_up(query_id):
    query = _query_or_404(query_id)
    form = MessageForm()
    try:
        if not form.validate():
            raise threads.QueryError(_("Write a message."))
        threads.follow_up(query, current_user, form.text.data)
    except threads.QueryError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(_("Your message was sent to the Party."), "success")
    return _back(query.report, f"query-{query.id}")


@bp.post(f"/queries/<int(min=1, max={MAX_ID}):query_id>/resolve")
def resolve(query_id):
    query = _query_or_404(query_id)
    form = MessageForm()
    try:
        if not form.validate():
            raise threads.QueryError(
                _("A message can have at most %(n)d characters.", n=threads.MAX_TEXT)
            )
        threads.resolve(query, current_user, form.text.data)
    except threads.QueryError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(_("The query is resolved."), "success")
    return _back(query.report, f"query-{query.id}")
