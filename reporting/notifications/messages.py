"""The words of each notification kind, translated in the current locale (the page's, or
the recipient's under `force_locale` when mailed)."""

from __future__ import annotations

from flask_babel import gettext as _

from ..models import Notification, Report
from ..questionnaire.translate import qt

#: Kinds whose recipients are the secretariat (the others go to the Party).
FOR_SECRETARIAT = ("report.submitted", "query.answered")
KINDS = (
    "report.submitted",
    "query.answered",
    "query.asked",
    "report.returned",
    "report.accepted",
    "report.published",
    "assignment.assigned",
    "assignment.ready",
)


def _names(report: Report) -> dict:
    return {"party": report.party.display_name, "cycle": report.cycle.code}


def subject(kind: str, report: Report) -> str:
    names = _names(report)
    if kind == "report.submitted":
        return _("%(party)s submitted its %(cycle)s report", **names)
    if kind == "query.answered":
        return _("%(party)s answered a query on its %(cycle)s report", **names)
    if kind == "query.asked":
        return _("The secretariat raised a query on your %(cycle)s report", **names)
    if kind == "report.returned":
        return _("Your %(cycle)s report was returned for revision", **names)
    if kind == "report.accepted":
        return _("Your %(cycle)s report was accepted", **names)
    if kind == "assignment.assigned":
        return _("Work on the %(cycle)s report is assigned to you", **names)
    if kind == "assignment.ready":
        return _("A part of the %(cycle)s report is ready for you", **names)
    return _("Your %(cycle)s report is published", **names)


def summary(kind: str, report: Report, details: dict | None) -> str:
    """One sentence saying what happened (the mail's first line, the home page's item)."""
    details = details or {}
    names = _names(report)
    version = details.get("version") or report.submitted_versions
    question = details.get("question") or ""
    if kind == "report.submitted":
        return _(
            "%(party)s submitted version %(n)d of its national report for the %(cycle)s "
            "reporting cycle.",
            n=version,
            **names,
        )
    if kind == "query.answered":
        return _(
            "%(party)s replied to the query on question %(question)s of its %(cycle)s report.",
            question=question,
            **names,
        )
    if kind == "query.asked":
        return _(
            "The secretariat raised a query on question %(question)s of the %(cycle)s "
            "report of %(party)s.",
            question=question,
            **names,
        )
    if kind == "report.returned":
        return _(
            "The secretariat returned the %(cycle)s report of %(party)s for revision.", **names
        )
    if kind.startswith("assignment."):
        return _assignment_summary(kind, details, names)
    if kind == "report.accepted":
        return _(
            "The secretariat accepted version %(n)d of the %(cycle)s report of %(party)s; "
            "it will be published on %(date)s.",
            n=version,
            date=details.get("publish_after", "")[:10],
            **names,
        )
    if details.get("at_acceptance"):
        return _(
            "The secretariat accepted version %(n)d of the %(cycle)s report of %(party)s; "
            "it is now published.",
            n=version,
            **names,
        )
    return _("The %(cycle)s report of %(party)s is now published.", **names)


def _assignment_summary(kind: str, details: dict, names: dict) -> str:
    person = details.get("person") or ""
    if kind == "assignment.assigned" and details.get("article"):
        return _(
            "%(person)s assigned you “%(article)s” of the %(cycle)s report of %(party)s.",
            person=person,
            article=qt(details["article"]),
            **names,
        )
    if kind == "assignment.assigned":
        return _(
            "%(person)s assigned you question %(question)s of the %(cycle)s report of %(party)s.",
            person=person,
            question=details.get("question") or "",
            **names,
        )
    if details.get("article"):
        return _(
            "%(person)s marked “%(article)s” of the %(cycle)s report as ready for the focal point.",
            person=person,
            article=qt(details["article"]),
            **names,
        )
    return _(
        "%(person)s marked question %(question)s of the %(cycle)s report as ready for the "
        "focal point.",
        person=person,
        question=details.get("question") or "",
        **names,
    )


def notification_summary(notification: Notification) -> str:
    assert notification.report is not None  # made by send.notify, deleted with the report
    return summary(notification.kind, notification.report, notification.details)
