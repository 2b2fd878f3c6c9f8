"""The life of a report: start (pre-filled), submit, return for revision, accept.

Each function checks the state transition, changes the data, writes the audit trail
and flushes; the caller (request or CLI) commits once. Permissions are the caller's
business, through `reporting.policy`.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select

from .. import audit, notifications
from ..cycles import party_period_start
from ..extensions import db
from ..models import (
    AnswerQuery,
    Party,
    QueryStatus,
    Report,
    ReportingCycle,
    ReportStatus,
    Submission,
    User,
)
from ..models.types import utcnow
from ..questionnaire import get_format
from ..questionnaire.checks import submission_issues
from ..questionnaire.conditions import visibility
from ..questionnaire.definition import Format
from ..questionnaire.issues import Issue, messages_to_issues
from ..questionnaire.report_schema import report_schema
from .answers import answer_data, load_answers, save_answers
from .carry_over import carry_answers
from .changes_since import change_flags
from .snapshot import build_snapshot, content_hash
from .versions import is_intact

log = logging.getLogger(__name__)


class WorkflowError(Exception):
    """A transition that is not allowed now; the message is translated for the user."""


class SubmissionBlocked(WorkflowError):
    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__(_("The report cannot be submitted until the errors are corrected."))


def report_format(report: Report) -> Format:
    return get_format(report.cycle.format_id, report.cycle.format_version)


def submitted_format(submission: Submission) -> Format:
    """The format a submitted version was filled in on (its snapshot says)."""
    recorded = submission.content.get("format") or {}
    try:
        return get_format(recorded["id"], recorded["version"])
    except (KeyError, LookupError):
        return report_format(submission.report)


def prefill_values(fmt: Format, party: Party, user: User | None, cycle: ReportingCycle) -> dict:
    """Answers known from the Party's record (its dates under the cycle's convention) and
    the user's profile (Part A). The period starts at the Party's entry into force when
    that is later than the cycle's start and this is its first report in the convention
    (reporting.cycles.party_period_start)."""
    membership = party.membership(cycle.convention)
    ratified = membership and membership.ratification_date
    in_force = membership and membership.entry_into_force
    sources = {
        "party.iso3": party.iso3,
        "party.name": party.name,
        "party.ratification_date": ratified and ratified.isoformat(),
        "party.entry_into_force": in_force and in_force.isoformat(),
        "user.name": getattr(user, "name", None) or None,
        "user.email": getattr(user, "email", None),
        "cycle.period_start": party_period_start(
            cycle, party, last_submission(party.id, before=cycle) is not None
        ).isoformat(),
        "cycle.period_end": cycle.period_end.isoformat(),
    }
    return {
        q.key: {"value": sources.get(q.prefill)}
        for q in fmt.iter_questions()
        if q.prefill and sources.get(q.prefill) is not None
    }


def last_submission(party_id: int, before: ReportingCycle | None = None) -> Submission | None:
    """The Party's latest submitted version, optionally from cycles before `before` of the
    same convention (stable question keys are a convention's: another convention's report
    is never carried over, even where a key is spelt alike)."""
    query = (
        select(Submission)
        .join(Report, Submission.report_id == Report.id)
        .join(ReportingCycle, Report.cycle_id == ReportingCycle.id)
        .where(Report.party_id == party_id)
        .order_by(ReportingCycle.year.desc(), Submission.version_no.desc())
        .limit(1)
    )
    if before is not None:
        query = query.where(
            ReportingCycle.year < before.year, ReportingCycle.convention == before.convention
        )
    return db.session.scalars(query).first()


def start_report(
    party: Party,
    cycle: ReportingCycle,
    user: User | None = None,
    carry_over: bool = True,
    language: str = "en",
) -> Report:
    """Create the Party's report for a cycle, pre-filled from Part A sources and, by stable
    question key, from the Party's last submitted report (marked as carried over)."""
    existing = db.session.scalars(
        select(Report).where(Report.party_id == party.id, Report.cycle_id == cycle.id)
    ).first()
    if existing is not None:
        return existing
    report = Report(party=party, cycle=cycle, status=ReportStatus.draft, language=language)
    db.session.add(report)
    db.session.flush()
    fmt = get_format(cycle.format_id, cycle.format_version)
    kind = cycle.kind
    in_scope = {q.key for q in fmt.iter_questions(kind)}
    payload: dict = {}
    previous = last_submission(party.id, before=cycle) if carry_over else None
    if previous is not None and not is_intact(previous):
        log.error(
            "integrity: report %s version %s was altered; report %s starts without "
            "carrying its answers over",
            previous.report_id,
            previous.version_no,
            report.id,
        )
        previous = None
    carried: dict = {}
    if previous is not None:
        report.carried_from_id = previous.report_id
        carried, missed = carry_answers(
            submitted_format(previous), previous.content["answers"], fmt, in_scope
        )
        report.not_carried = [m.as_json() for m in missed] or None
        payload.update(carried)
    prefilled = {k: v for k, v in prefill_values(fmt, party, user, cycle).items() if k in in_scope}
    payload.update(prefilled)
    if payload:
        save_answers(report, fmt, payload, user, kind)
        for answer in report_answers(report, set(carried) - set(prefilled)):
            answer.carried_over = True
    not_carried: dict[str, Any] = (
        {"not_carried": [m["key"] for m in report.not_carried]} if report.not_carried else {}
    )
    audit.record("report.start", user, report, carried_from=report.carried_from_id, **not_carried)
    db.session.flush()
    return report


def report_answers(report: Report, keys):
    from ..models import Answer

    return db.session.scalars(
        select(Answer).where(Answer.report_id == report.id, Answer.question_key.in_(list(keys)))
    ).all()


def validate_report(report: Report, fmt: Format | None = None) -> list[Issue]:
    """Every error and warning of the whole report, as submission would see them."""
    fmt = fmt or report_format(report)
    kind = report.cycle.kind
    data = answer_data(load_answers(report, fmt))
    in_scope = {q.key for q in fmt.iter_questions(kind)}
    data = {k: v for k, v in data.items() if k in in_scope}
    # Answers hidden by a condition are not submitted (see snapshot): a value kept as typed
    # there must not block the submission.
    visible = visibility(fmt, data, kind)
    data = {k: v for k, v in data.items() if visible.get(k, True)}
    from marshmallow import ValidationError

    try:
        clean = report_schema(fmt, kind, "draft")().load(data)
    except ValidationError as exc:
        return messages_to_issues(exc.normalized_messages())
    return submission_issues(fmt, clean, kind)


def submit(report: Report, user: User, confirm_warnings: bool = True) -> Submission:
    """Store an immutable version of the report and lock it."""
    if not report.is_editable:
        raise WorkflowError(_("This report has already been submitted."))
    fmt = report_format(report)
    issues = validate_report(report, fmt)
    errors = [i for i in issues if i.severity == "error"]
    if not errors and not confirm_warnings:
        answers = answer_data(load_answers(report, fmt))
        issues += [f.issue for f in change_flags(report, fmt, report.cycle.kind, answers)]
    if errors or (not confirm_warnings and issues):
        raise SubmissionBlocked(errors or issues)
    content = build_snapshot(report, fmt)
    submission = Submission(
        report_id=report.id,
        version_no=report.submitted_versions + 1,
        submitted_by_id=user.id,
        format_id=fmt.id,
        format_version=fmt.version,
        language=report.language,
        content=content,
        content_hash=content_hash(content),
        submitted_at=utcnow(),
    )
    db.session.add(submission)
    report.submitted_versions += 1
    report.status = ReportStatus.submitted
    report.submitted_at = submission.submitted_at
    db.session.flush()
    audit.record(
        "report.submit",
        user,
        report,
        version=submission.version_no,
        content_hash=submission.content_hash,
    )
    notifications.report_submitted(report, submission, user)
    return submission


def return_for_revision(report: Report, user: User, message: str) -> None:
    if report.status != ReportStatus.submitted:
        raise WorkflowError(_("Only a submitted report can be returned for revision."))
    if not message or not message.strip():
        raise WorkflowError(_("Say what needs to be revised."))
    report.status = ReportStatus.returned
    audit.record("report.return", user, report, message=message.strip())
    db.session.flush()
    notifications.report_returned(report, user, message.strip())


class OpenQueries(WorkflowError):
    """Acceptance asked while queries are still open: it needs the reviewer's confirmation."""

    def __init__(self, count: int):
        self.count = count
        super().__init__(
            ngettext(
                "There is %(num)d open query on this report.",
                "There are %(num)d open queries on this report.",
                count,
            )
        )


def open_query_count(report: Report) -> int:
    """Queries of the report not resolved yet (open or answered)."""
    return (
        db.session.scalar(
            select(func.count())
            .select_from(AnswerQuery)
            .where(AnswerQuery.report_id == report.id, AnswerQuery.status != QueryStatus.resolved)
        )
        or 0
    )


def accept(
    report: Report,
    user: User,
    embargo_until: datetime | None = None,
    confirm_open_queries: bool = False,
) -> None:
    """Accept the submitted version; it is published at once or when the embargo ends.

    With queries still open, only when the reviewer confirmed (`confirm_open_queries`)."""
    if report.status != ReportStatus.submitted:
        raise WorkflowError(_("Only a submitted report can be accepted."))
    open_queries = open_query_count(report)
    if open_queries and not confirm_open_queries:
        raise OpenQueries(open_queries)
    now = utcnow()
    report.status = ReportStatus.accepted
    report.accepted_at = now
    report.publish_after = max(now, embargo_until) if embargo_until else now
    audit.record(
        "report.accept",
        user,
        report,
        version=report.submitted_versions,
        publish_after=report.publish_after.isoformat(),
        open_queries=open_queries,
    )
    db.session.flush()
    notifications.report_accepted(report, user)
