"""One function per event of the review loop, called where the event happens.

Each event has a key (the version, the query or the message) so that it is told once:
calling a function again for the same event tells no one twice."""

from __future__ import annotations

from .. import audit
from ..models import AnswerQuery, Assignment, QueryMessage, Report, Submission, User
from ..questionnaire import get_format
from .recipients import focal_points, party_people, secretariat
from .send import notify


def _question(report: Report, key: str) -> dict:
    fmt = get_format(report.cycle.format_id, report.cycle.format_version)
    number = fmt.question(key).shown_number if fmt.has_question(key) else key
    return {"question_key": key, "question": number}


def report_submitted(report: Report, submission: Submission, actor: User):
    return notify(
        "report.submitted",
        report,
        secretariat(),
        actor=actor,
        event=f"v{submission.version_no}",
        details={"version": submission.version_no},
    )


def query_asked(query: AnswerQuery, message: QueryMessage, actor: User):
    """A new query, or a further question on one (a follow-up)."""
    report = query.report
    return notify(
        "query.asked",
        report,
        party_people(report.party_id, report.cycle.convention),
        actor=actor,
        event=f"m{message.id}",
        query_id=query.id,
        details=_question(report, query.question_key),
        note=message.text,
    )


def query_answered(query: AnswerQuery, message: QueryMessage, actor: User):
    report = query.report
    return notify(
        "query.answered",
        report,
        secretariat(),
        actor=actor,
        event=f"m{message.id}",
        query_id=query.id,
        details=_question(report, query.question_key),
        note=message.text,
    )


def report_returned(report: Report, actor: User, message: str):
    version = report.submitted_versions
    return notify(
        "report.returned",
        report,
        party_people(report.party_id, report.cycle.convention),
        actor=actor,
        event=f"v{version}",
        details={"version": version},
        note=message,
    )


def report_accepted(report: Report, actor: User):
    """Accepted: published at once (one notification, "published"), or at the end of the
    embargo (now "accepted", then "published" from the periodic sweep)."""
    if report.is_published:
        return report_published(report, actor=actor, at_acceptance=True)
    version = report.submitted_versions
    assert report.publish_after is not None  # set by the acceptance (reports.workflow)
    return notify(
        "report.accepted",
        report,
        party_people(report.party_id, report.cycle.convention),
        actor=actor,
        event=f"v{version}",
        details={"version": version, "publish_after": report.publish_after.isoformat()},
    )


#: The audit action that says a publication was announced (even to no one: a Party without
#: active users), so that the periodic sweep announces each publication once.
PUBLICATION_ANNOUNCED = "notification.published"


def report_published(report: Report, actor: User | None = None, at_acceptance: bool = False):
    version = report.submitted_versions
    details = {"version": version, **({"at_acceptance": True} if at_acceptance else {})}
    made = notify(
        "report.published",
        report,
        party_people(report.party_id, report.cycle.convention),
        actor=actor,
        event=f"v{version}",
        details=details,
    )
    audit.record(PUBLICATION_ANNOUNCED, actor, report, version=version, recipients=len(made))
    return made


def work_assigned(assignment: Assignment, actor: User, item: dict):
    """A page or question of a report was given to a contributor (`item`: what the message
    names, see `reports.assignments.item_details`)."""
    return notify(
        "assignment.assigned",
        assignment.report,
        [assignment.user],
        actor=actor,
        event=f"a{assignment.id}@{assignment.assigned_at.isoformat()}",
        details={**item, "person": actor.name or actor.email},
    )


def work_ready(assignment: Assignment, actor: User, item: dict):
    """A contributor marked their part ready for the focal point."""
    report = assignment.report
    assert assignment.ready_at is not None
    return notify(
        "assignment.ready",
        report,
        focal_points(report.party_id, report.cycle.convention),
        actor=actor,
        event=f"a{assignment.id}@{assignment.ready_at.isoformat()}",
        details={**item, "person": actor.name or actor.email},
    )
