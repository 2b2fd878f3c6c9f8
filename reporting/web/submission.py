"""Checking, submitting and comparing versions: review, submit, receipt, versions, diff."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from forms.questionnaire import field_name
from forms.reports import SubmitReportForm

from ..attachments import attachments_by_token
from ..extensions import db
from ..inputs import int_arg
from ..models import Submission, User
from ..policy import can
from ..questionnaire.definition import Format
from ..questionnaire.issues import Issue
from ..questionnaire.kinds.table import Table
from ..questionnaire.translate import qt
from ..reports import workflow
from ..reports.diff import diff_submissions
from ..reports.versions import submission_of, submissions_of
from .common import report_context, report_for
from .pages import page_of_question
from .present import changed_cells, snapshot_answer
from .report_blueprint import REPORT, bp
from .review import change_warnings, review_issues

MAX_VERSION = 10_000


@dataclass
class IssueLine:
    issue: Issue
    number: str
    text: str
    #: Where the review page links: the cell, or the question.
    url: str
    #: "Row 2, Quantity" for a table cell.
    where: str | None


def _issue_lines(report, fmt: Format, pages, issues: list[Issue]):
    """Issues grouped by page, each linking to its field."""
    groups: dict[str, tuple] = {}
    for issue in issues:
        if not fmt.has_question(issue.question_key):
            continue
        q = fmt.question(issue.question_key)
        page = page_of_question(pages, q.key)
        if page is None:
            continue
        where, anchor = None, field_name(q.key)
        if issue.row is not None:
            row = int(issue.row)
            column = q.column(issue.column) if issue.column else None
            where = (
                _("Row %(row)d, %(column)s", row=row + 1, column=qt(column.label))
                if column
                else _("Row %(row)d", row=row + 1)
            )
            if column is not None:
                anchor = f"{field_name(q.key)}-value-{row}-{Table.cell_name(column.key)}"
        url = url_for("reports.page", report_id=report.id, page_key=page.key, _anchor=anchor)
        groups.setdefault(page.key, (page, []))[1].append(
            IssueLine(issue, q.shown_number, qt(q.text), url, where)
        )
    return [groups[p.key] for p in pages if p.key in groups]


@bp.get(f"{REPORT}/review")
def review(report_id):
    report = report_for(report_id)
    fmt, kind, pages = report_context(report)
    issues = review_issues(report, fmt)
    errors = [i for i in issues if i.severity == "error"]
    warnings = [i for i in issues if i.severity != "error"] + change_warnings(report, fmt)
    return render_template(
        "reports/review.html",
        report=report,
        errors=_issue_lines(report, fmt, pages, errors),
        warnings=_issue_lines(report, fmt, pages, warnings),
        error_count=len(errors),
        warning_count=len(warnings),
    )


@bp.route(f"{REPORT}/submit", methods=["GET", "POST"])
def submit(report_id):
    report = report_for(report_id)
    fmt, kind, pages = report_context(report)
    may_submit = can(current_user, "report.submit", report)
    form = SubmitReportForm()
    status = 200
    if request.method == "POST":
        if not may_submit and not report.is_editable and report.submitted_versions:
            return _already_submitted(report)  # a second click, or a second tab
        if not may_submit:
            abort(403)
        if form.validate_on_submit():
            if form.lock_version.data != str(report.lock_version):
                flash(
                    _(
                        "The report was changed after you checked it. Check it again before "
                        "submitting."
                    ),
                    "error",
                )
            else:
                try:
                    submission = workflow.submit(
                        report, current_user, confirm_warnings=form.confirm_warnings.data
                    )
                    db.session.commit()
                except workflow.SubmissionBlocked as blocked:
                    if any(i.severity == "error" for i in blocked.issues):
                        flash(str(blocked), "error")
                    else:
                        form.confirm_warnings.errors = [
                            _("Tick this box to confirm the answers the warnings are about.")
                        ]
                except workflow.WorkflowError as exc:
                    flash(str(exc), "error")
                except (StaleDataError, IntegrityError):
                    # Another request submitted (or saved) the report at the same moment.
                    db.session.rollback()
                    report = report_for(report_id)
                    if not report.is_editable and report.submitted_versions:
                        return _already_submitted(report)
                    flash(
                        _(
                            "The report was changed while you were submitting it. Check it "
                            "again before submitting."
                        ),
                        "error",
                    )
                    status = 409
                else:
                    flash(_("Your report is submitted."), "success")
                    return redirect(
                        url_for(
                            "reports.receipt", report_id=report.id, version_no=submission.version_no
                        )
                    )
    issues = review_issues(report, fmt) if report.is_editable else []
    errors = [i for i in issues if i.severity == "error"]
    warnings = [i for i in issues if i.severity != "error"]
    if report.is_editable and not errors:
        warnings += change_warnings(report, fmt)
    form.lock_version.data = str(report.lock_version)
    return render_template(
        "reports/submit.html",
        report=report,
        form=form,
        may_submit=may_submit,
        errors=errors,
        warnings=_issue_lines(report, fmt, pages, warnings),
    ), status


def _already_submitted(report):
    """A submit of a report already submitted: its receipt, not an error."""
    flash(
        _("This report was already submitted. Here is the receipt of its latest version."), "info"
    )
    return redirect(
        url_for("reports.receipt", report_id=report.id, version_no=report.submitted_versions)
    )


def _submission_or_404(report, version_no: int) -> Submission:
    if not 1 <= version_no <= MAX_VERSION:
        abort(404)
    submission = submission_of(report, version_no)
    if submission is None:
        abort(404)
    return submission


@bp.get(f"{REPORT}/versions/<int(min=1, max=10000):version_no>")
def receipt(report_id, version_no):
    report = report_for(report_id)
    submission = _submission_or_404(report, version_no)
    submitter = (
        db.session.get(User, submission.submitted_by_id) if submission.submitted_by_id else None
    )
    return render_template(
        "reports/receipt.html",
        report=report,
        submission=submission,
        submitter=submitter,
        answer_count=len(submission.content.get("answers", {})),
    )


@bp.get(f"{REPORT}/versions")
def versions(report_id):
    report = report_for(report_id)
    submissions = submissions_of(report, newest_first=True)
    users = {
        u.id: u
        for u in db.session.scalars(
            select(User).where(
                User.id.in_([s.submitted_by_id for s in submissions if s.submitted_by_id])
            )
        )
    }
    return render_template(
        "reports/versions.html", report=report, submissions=submissions, users=users
    )


@dataclass
class ChangeLine:
    number: str
    text: str
    section: str
    change: str
    before: object
    after: object
    #: Table cells (row, column) that differ, to mark them on both sides.
    cells: AbstractSet[tuple[int, int]] = frozenset()


@bp.get(f"{REPORT}/diff")
def diff(report_id):
    """Question-by-question differences between two versions (default: the last two)."""
    report = report_for(report_id)
    fmt, kind, pages = report_context(report)
    numbers = [s.version_no for s in submissions_of(report)]
    if len(numbers) < 2:
        return render_template(
            "reports/diff.html", report=report, numbers=numbers, lines=None, older=None, newer=None
        )
    older_no = int_arg("from", numbers[-2], high=10_000)
    newer_no = int_arg("to", numbers[-1], high=10_000)
    older = _submission_or_404(report, older_no)
    newer = _submission_or_404(report, newer_no)
    changes = diff_submissions(fmt, older, newer)
    tokens = [
        a.get("value")
        for s in (older, newer)
        for a in s.content.get("answers", {}).values()
        if isinstance(a.get("value"), str)
    ]
    attachments = attachments_by_token(report, tokens)
    lines = []
    for change in changes:
        if not fmt.has_question(change.question_key):
            continue
        q = fmt.question(change.question_key)
        before = snapshot_answer(q, change.before, attachments)
        after = snapshot_answer(q, change.after, attachments)
        lines.append(
            ChangeLine(
                number=q.shown_number,
                text=qt(q.text),
                section=qt(fmt.section(q.section_key).title),
                change=change.change,
                before=before,
                after=after,
                cells=changed_cells(before, after),
            )
        )
    return render_template(
        "reports/diff.html", report=report, numbers=numbers, lines=lines, older=older, newer=newer
    )
