"""Where a notification leads: the question (for a query) or the report, as its recipient
reaches it (the secretariat's review page, or the Party's own pages)."""

from __future__ import annotations

from flask import url_for

from ..models import Notification, User


def target(
    user: User,
    report_id: int,
    query_id: int | None,
    question_key: str | None,
    kind: str | None = None,
):
    """(endpoint, values) of the page a notification leads `user` to: work assigned to
    them to "my questions", a part marked ready to the report's assignments."""
    if kind == "assignment.assigned":
        return "assignments.mine", {"report_id": report_id}
    if kind == "assignment.ready":
        return "assignments.manage", {"report_id": report_id}
    anchor = f"query-{query_id}" if query_id else None
    if not user.role.is_national:
        return "secretariat.report", {"report_id": report_id, "_anchor": anchor}
    if query_id and question_key:
        return "reports.question", {
            "report_id": report_id,
            "question_key": question_key,
            "query": query_id,
        }
    return "reports.overview", {"report_id": report_id}


def notification_url(notification: Notification) -> str:
    """The link on the home page (relative)."""
    details = notification.details or {}
    assert notification.report_id is not None  # made by send.notify, deleted with the report
    endpoint, values = target(
        notification.user,
        notification.report_id,
        notification.query_id,
        details.get("question_key"),
        notification.kind,
    )
    return url_for(endpoint, **values)
