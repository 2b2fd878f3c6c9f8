"""A report's overview and its pages: filling in, saving, tables' rows, attachments."""

from __future__ import annotations

import logging

from flask import abort, flash, redirect, render_template, request, send_file, session, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.datastructures import CombinedMultiDict

from forms.questionnaire import field_name
from forms.reports import ActionForm

from .. import audit
from ..attachments import attachment_path, find_attachment, remove_unused_files
from ..extensions import db
from ..i18n import INPUT_LOCALE_FIELD, read_input_in
from ..models import AuditEvent, Report, ReportingCycle
from ..policy import can
from ..questionnaire.definition import Format
from ..questionnaire.translate import qt
from ..reports import workflow
from ..reports.answers import load_answers
from ..reports.carry_over import missed_notes
from ..reports.versions import submissions_of
from . import autosave, replay
from .blueprint import expired_form
from .common import report_context, report_for
from .editing import (
    ConcurrentSave,
    acknowledge_conflicts,
    build_form,
    conflict_choices,
    posted_form,
    save_page,
    tables_beyond_limit,
)
from .error_summary import answers_with_problems, focus_next_showing
from .errors import DATABASE_DOWN
from .login import login_for_replay
from .page_view import page_context
from .pages import Page, page_of_question
from .previous import copy_previous
from .progress import days_left, page_progress, status_key
from .report_blueprint import REPORT, bp
from .team_progress import team_of

log = logging.getLogger(__name__)


@bp.post("/cycles/<string(maxlength=32):code>/start")
def start(code):
    cycle = db.session.scalars(select(ReportingCycle).where(ReportingCycle.code == code)).first()
    if cycle is None:
        abort(404)
    if not can(current_user, "report.start", current_user.party_id, convention=cycle.convention):
        abort(403)
    if not ActionForm().validate_on_submit():
        abort(400)
    report = workflow.start_report(
        current_user.party, cycle, current_user, language=str(get_locale() or "en")
    )
    db.session.commit()
    return redirect(url_for("reports.overview", report_id=report.id))


@bp.get(REPORT)
def overview(report_id):
    report = report_for(report_id)
    fmt, kind, pages = report_context(report)
    answers = load_answers(report, fmt)
    submissions = submissions_of(report, newest_first=True)
    return render_template(
        "reports/overview.html",
        report=report,
        fmt=fmt,
        progress=page_progress(fmt, kind, answers),
        status=status_key(report),
        days_left=days_left(report.cycle),
        submissions=submissions,
        return_message=_return_message(report),
        missed=missed_notes(report) if report.is_editable else [],
        team=team_of(current_user, report, fmt, kind, pages, answers),
    )


def _return_message(report: Report) -> str | None:
    if report.status.value != "returned":
        return None
    event = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.report_id == report.id, AuditEvent.action == "report.return")
        .order_by(AuditEvent.id.desc())
    ).first()
    return (event.details or {}).get("message") if event else None


def _page_or_404(pages, page_key: str) -> Page:
    page = next((p for p in pages if p.key == page_key), None)
    if page is None:
        abort(404)
    return page


@bp.route(f"{REPORT}/pages/<string(maxlength=60):page_key>", methods=["GET", "POST"])
def page(report_id, page_key):
    report = report_for(report_id)
    fmt, kind, pages = report_context(report)
    page = _page_or_404(pages, page_key)
    if request.method == "GET":
        return render_page(report, fmt, pages, page, add_row=request.args.get("add"))
    if not can(current_user, "report.edit", report):
        abort(403)
    read_input_in(request.form.get(INPUT_LOCALE_FIELD))
    if request.form.get("_replay") == replay.REVIEW:
        flash(_("Your answers have not been saved yet: check them below and save."), "warning")
        return render_page(report, fmt, pages, page, posted=_formdata())
    for q in tables_beyond_limit(report, fmt, page, request.form):
        message = _(
            "%(question)s: a table can have at most %(count)d rows. Nothing was saved.",
            question=qt(q.text),
            count=q.kind.max_rows(q),
        )
        if autosave.is_autosave():
            return autosave.not_saved(message, 400)
        flash(message, "error")
        return render_page(report, fmt, pages, page, status=400)
    form = posted_form(page, _formdata())
    if not form.validate():
        message = _("Nothing was saved: correct the answers marked below and save again.")
        if autosave.is_autosave():
            return autosave.not_saved(message, 400)
        flash(message, "error")
        return render_page(report, fmt, pages, page, posted=_formdata(), status=400)
    remove_row = _remove_row_target(request.form.get("remove_row"))
    keep_theirs, undecided = conflict_choices(page, request.form)
    copy_key = request.form.get("copy_previous")
    copied = copy_previous(report, fmt, page, form, copy_key) if copy_key else None
    if copy_key and copied is None:
        flash(_("There is no previous answer to copy for this question."), "error")
        return render_page(report, fmt, pages, page, posted=_formdata(), status=400)
    try:
        outcome = save_page(
            report,
            fmt,
            page,
            form,
            current_user,
            remove_row=remove_row,
            confirm_carried="confirm_carried" in request.form,
            keep_theirs=keep_theirs,
            undecided=undecided,
            replace=copied[0] if copied else None,
        )
        db.session.commit()
    except (ConcurrentSave, StaleDataError):
        db.session.rollback()
        message = _(
            "Someone else saved this report at the same moment. Nothing was saved: check "
            "your answers below and save again."
        )
        if autosave.is_autosave():
            return autosave.not_saved(message, 409, retry=True)
        report = report_for(report_id)
        flash(message, "error")
        return render_page(report, fmt, pages, page, posted=_formdata(), status=409)
    except DATABASE_DOWN as exc:
        if autosave.is_autosave():
            db.session.rollback()
            log.error("autosave of page %s of report %s: the database failed", page_key, report_id)
            return autosave.not_saved(
                _("The database could not be reached, so nothing was saved."), 503, retry=True
            )
        return _shown_back_unavailable(report_id, page_key, exc)
    remove_unused_files(outcome.unused_files)
    if autosave.is_autosave():
        return autosave.saved(report, fmt, page, form, outcome)
    for key, message in outcome.rejected.items():
        flash(
            _(
                "%(question)s: the file was not attached. %(reason)s",
                question=_question_label(fmt, key),
                reason=message,
            ),
            "error",
        )
    if outcome.conflicts:
        return _render_conflicts(report, fmt, pages, page, outcome, undecided)
    if outcome.rejected:  # the rest is saved; the refused file is an error on its question
        return render_page(
            report,
            fmt,
            pages,
            page,
            add_row=request.form.get("add_row"),
            upload_errors=outcome.rejected,
            status=422,
        )
    if request.form.get("_replay") == replay.SAVE:
        flash(_("You are logged in again and your answers are saved."), "success")
    anchor = None
    if outcome.issues:
        focus_next_showing(page)
        flash(
            ngettext(
                "Saved. %(num)d answer needs correcting: it is marked below.",
                "Saved. %(num)d answers need correcting: they are marked below.",
                answers_with_problems(report, fmt, page),
            ),
            "warning",
        )
    elif "save_continue" in request.form:
        flash(_("Saved."), "success")
        following = _following(pages, page)
        if following is None:
            return redirect(url_for("reports.review", report_id=report.id))
        return redirect(url_for("reports.page", report_id=report.id, page_key=following.key))
    elif copied:
        flash(
            _("Your answer from %(cycle)s was copied in and saved.", cycle=copied[1].cycle_label),
            "success",
        )
    elif "confirm_carried" in request.form:
        flash(_("The answers carried over from the last report are confirmed."), "success")
    elif not (request.form.get("add_row") or remove_row):
        flash(_("Saved."), "success")
    add_row = request.form.get("add_row")
    if add_row or remove_row or copied:
        anchor = field_name(add_row or (remove_row[0] if remove_row else copy_key))
    return redirect(
        url_for(
            "reports.page",
            report_id=report.id,
            page_key=page.key,
            add=add_row or None,
            _anchor=anchor,
        )
    )


def _shown_back_unavailable(report_id, page_key, error):
    """The database failed during a save: nothing was saved, and the page comes back (503)
    with the values as typed; if even reading fails, the plain 503 page lists them."""
    log.error(
        "saving page %s of report %s: the database failed (%s)",
        page_key,
        report_id,
        type(error).__name__,
        exc_info=error,
    )
    message = _(
        "The database could not be reached, so nothing was saved. Your answers are "
        "shown below: save again in a few minutes."
    )
    try:
        db.session.rollback()
        report = report_for(report_id)
        fmt, kind, pages = report_context(report)
        page = _page_or_404(pages, page_key)
        flash(message, "error")
        body, _status = render_page(report, fmt, pages, page, posted=_formdata())
    except DATABASE_DOWN:
        flashes = session.get("_flashes") or []
        if flashes and flashes[-1][1] == message:
            flashes.pop()
            session.modified = True
        raise error from None
    return body, 503, {"Retry-After": "30"}


def page_after_csrf_error(report_id, page_key):
    """A page posted with an expired form: logged out, log in (values carried); logged in,
    the page comes back with the posted values, not saved."""
    if not current_user.is_authenticated:
        return login_for_replay()
    report = report_for(report_id)
    fmt, kind, pages = report_context(report)
    page = _page_or_404(pages, page_key)
    flash(
        _(
            "The page had been open for a long time and could not be saved safely. Your "
            "answers are shown below: check them and save again."
        ),
        "warning",
    )
    return render_page(report, fmt, pages, page, posted=_formdata(), status=400)


@bp.errorhandler(CSRFError)
def _expired_form(error):
    """An expired form: a report page's values are never lost (see reporting.web.replay)."""
    if request.endpoint == "reports.page":
        if autosave.is_autosave():
            return autosave.not_saved(
                _("The page had been open for a long time: save it with the Save button."), 400
            )
        return page_after_csrf_error(**request.view_args)
    return expired_form(error)


def _formdata():
    """The posted fields and files, as Flask-WTF combines them."""
    return CombinedMultiDict((request.files, request.form)) if request.files else request.form


def _remove_row_target(value: str | None) -> tuple[str, int] | None:
    if not value or ":" not in value:
        return None
    key, _sep, index = value.rpartition(":")
    return (key, int(index)) if index.isdigit() else None


def _following(pages, page):
    index = pages.index(page)
    return pages[index + 1] if index + 1 < len(pages) else None


def _question_label(fmt: Format, key: str) -> str:
    return qt(fmt.question(key).text) if fmt.has_question(key) else key


def _render_conflicts(report, fmt, pages, page, outcome, undecided=frozenset()):
    answers = load_answers(report, fmt)
    if set(outcome.conflicts) <= undecided:
        message = _(
            "Your other changes are saved. For the answers marked below, choose which "
            "version to keep, then save."
        )
    else:
        message = _(
            "Someone else changed some of these answers while you were editing. Your other "
            "changes are saved. For the answers marked below, your version is shown beside "
            "theirs: choose which to keep and save again."
        )
    flash(message, "error")
    return render_page(
        report,
        fmt,
        pages,
        page,
        answers=answers,
        posted=_formdata(),
        posted_keys=set(outcome.conflicts),
        conflicts=outcome.conflicts,
        status=409,
    )


def render_page(
    report: Report,
    fmt: Format,
    pages,
    page: Page,
    *,
    answers=None,
    add_row=None,
    posted=None,
    posted_keys=None,
    conflicts=None,
    upload_errors=None,
    status=200,
):
    """The page's form with everything around it; `posted` shows posted values back;
    `upload_errors` (key -> message) marks files that could not be attached."""
    answers = load_answers(report, fmt) if answers is None else answers
    form = build_form(
        report, page, answers, add_row=add_row, posted=posted, posted_keys=posted_keys
    )
    if conflicts:
        acknowledge_conflicts(form, report, page, answers, conflicts)
    context = page_context(
        report,
        fmt,
        page,
        form,
        answers,
        shown_back=posted is not None,
        shown_back_keys=posted_keys,
        conflicts=conflicts,
        upload_errors=upload_errors,
        editable=can(current_user, "report.edit", report),
    )
    index = pages.index(page)
    return render_template(
        "reports/page.html",
        ctx=context,
        report=report,
        fmt=fmt,
        pages=pages,
        page=page,
        form=form,
        previous=pages[index - 1] if index else None,
        following=_following(pages, page),
    ), status


@bp.get(f"{REPORT}/questions/<string(maxlength=120):question_key>")
def question(report_id, question_key):
    """A question of the report: its page, at the question (the link of a query's mail)."""
    report = report_for(report_id)
    fmt, kind, pages = report_context(report)
    page = page_of_question(pages, question_key)
    if page is None:
        abort(404)
    anchor = request.args.get("query", type=int)
    return redirect(
        url_for(
            "reports.page",
            report_id=report.id,
            page_key=page.key,
            _anchor=f"query-{anchor}" if anchor else field_name(question_key),
        )
    )


@bp.get(f"{REPORT}/attachments/<string(maxlength=64):token>")
def attachment(report_id, token):
    report = report_for(report_id)
    found = find_attachment(report, token)
    if found is None:
        abort(404)
    path = attachment_path(found.sha256)
    if not path.exists():
        abort(404)
    audit.record(
        "download.attachment",
        current_user,
        report,
        token=found.token,
        question_key=found.question_key,
        filename=found.filename,
        sha256=found.sha256,
    )
    db.session.commit()
    response = send_file(
        path,
        mimetype=found.content_type,
        as_attachment=True,
        download_name=found.filename,
        max_age=0,
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response
