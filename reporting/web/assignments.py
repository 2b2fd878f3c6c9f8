"""Sharing a report's work: the focal point's assignments page, and each person's "my
questions" with the button that marks their part ready for the focal point."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from forms.assignments import AssignForm, ReadyForm, UnassignForm

from ..extensions import db
from ..questionnaire.translate import qt
from ..reports.answers import load_answers
from ..reports.assignments import (
    PAGE,
    AssignmentError,
    Item,
    assign,
    assignable_people,
    assignment_of,
    assignments_of,
    parse_item,
    set_ready,
    unassign,
)
from .blueprint import web_blueprint
from .common import MAX_ID, report_context, report_for
from .team_progress import by_person, work_progress

bp = web_blueprint(Blueprint("assignments", __name__))

REPORT = f"/reports/<int(min=1, max={MAX_ID}):report_id>"
ASSIGNMENT = f"<int(min=1, max={MAX_ID}):assignment_id>"


def _work(report, fmt, kind, pages):
    return work_progress(fmt, kind, load_answers(report, fmt), pages, assignments_of(report))


@bp.route(f"{REPORT}/assignments", methods=["GET", "POST"])
@login_required
def manage(report_id):
    """Who does what: one row per article, single questions below, and each person's
    progress (focal point only)."""
    report = report_for(report_id, "report.assign")
    fmt, kind, pages = report_context(report)
    people = assignable_people(report)
    form = _assign_form(pages, people)
    status = 200
    if form.is_submitted():
        if form.validate():
            item = parse_item(form.item.data, pages)
            if item is None:
                form.item.errors.append(_("Choose an article or a question of this report."))
            else:
                try:
                    assignment = assign(current_user, report, pages, item, _int(form.person.data))
                    db.session.commit()
                except AssignmentError as exc:
                    form.person.errors.append(str(exc))
                except IntegrityError:  # the same item assigned at the same moment elsewhere
                    db.session.rollback()
                    report = report_for(report_id, "report.assign")
                    form.person.errors.append(
                        _("Someone else changed this assignment at the same moment: try again.")
                    )
                else:
                    flash(
                        _(
                            "Assigned to %(name)s, who is told by e-mail.",
                            name=assignment.user.name or assignment.user.email,
                        ),
                        "success",
                    )
                    return redirect(url_for("assignments.manage", report_id=report.id))
        flash(_("Nothing was assigned: see the message below."), "error")
        status = 400
    work = _work(report, fmt, kind, pages)
    by_page = {w.item.key: w for w in work if w.item.kind == PAGE}
    row_errors: dict[str, list[str]] = {}
    posted = {"item": form.item.data, "person": form.person.data}
    failed = parse_item(form.item.data, pages) if form.errors else None
    if failed is not None and failed.kind == PAGE:
        # An article's row failed: its message is shown in that row, the question form
        # below stays as it was.
        row_errors[form.item.data] = [*form.item.errors, *form.person.errors]
        form = _assign_form(pages, people, formdata=None)
    return (
        render_template(
            "assignments/manage.html",
            report=report,
            pages=pages,
            people=people,
            form=form,
            by_page=by_page,
            singles=[w for w in work if w.item.kind != PAGE],
            team=by_person(work),
            row_errors=row_errors,
            posted=posted,
            unassign_form=UnassignForm(),
        ),
        status,
    )


@bp.post(f"{REPORT}/assignments/{ASSIGNMENT}/remove")
@login_required
def remove(report_id, assignment_id):
    report = report_for(report_id, "report.assign")
    assignment = assignment_of(report, assignment_id)
    if assignment is None:
        abort(404)
    if not UnassignForm().validate_on_submit():
        abort(400)
    name = assignment.user.name or assignment.user.email
    try:
        unassign(current_user, report, assignment)
    except AssignmentError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(_("%(name)s is no longer assigned this part.", name=name), "success")
    return redirect(url_for("assignments.manage", report_id=report.id))


@bp.get(f"{REPORT}/my-questions")
@login_required
def mine(report_id):
    """The pages and questions assigned to the current user, with their progress."""
    report = report_for(report_id, "report.share_work")
    fmt, kind, pages = report_context(report)
    work = [w for w in _work(report, fmt, kind, pages) if w.assignment.user_id == current_user.id]
    return render_template(
        "assignments/mine.html", report=report, work=work, ready_form=ReadyForm()
    )


@bp.post(f"{REPORT}/my-questions/{ASSIGNMENT}/ready")
@login_required
def ready(report_id, assignment_id):
    report = report_for(report_id, "report.share_work")
    assignment = assignment_of(report, assignment_id)
    if assignment is None or assignment.user_id != current_user.id:
        abort(404)  # another person's part is not theirs to mark
    form = ReadyForm()
    if not form.validate_on_submit() or form.ready.data not in ("0", "1"):
        abort(400)
    _fmt, _kind, pages = report_context(report)
    try:
        set_ready(current_user, assignment, form.ready.data == "1", pages)
    except AssignmentError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        if assignment.ready_at is not None:
            flash(_("Marked as ready: the focal point is told."), "success")
        else:
            flash(_("Marked as not ready yet."), "success")
    return redirect(url_for("assignments.mine", report_id=report.id))


def _assign_form(pages, people, **kwargs) -> AssignForm:
    """The form of a single question (rows of articles post the same fields)."""
    form = AssignForm(**kwargs)
    form.item.choices = [("", _("Choose…"))] + [
        (Item("question", q.key).value, f"{q.shown_number} {qt(q.text)}")
        for p in pages
        for q in p.questions
    ]
    form.person.choices = [("", _("Choose…"))] + [(str(u.id), u.name or u.email) for u in people]
    return form


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None
