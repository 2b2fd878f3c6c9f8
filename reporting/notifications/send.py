"""Tell each recipient once: a `Notification` row and a mail in their language."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from flask import render_template
from flask_babel import force_locale
from sqlalchemy import select

from ..extensions import db
from ..mail import send_mail
from ..models import Notification, Report, User
from ..urls import absolute_url
from .links import target
from .messages import subject, summary

log = logging.getLogger(__name__)


def already_told(kind: str, report: Report, event: str) -> set[int]:
    """Ids of the users already told of this event (the same kind, report and event key;
    never rows older than the report, left by another report that had its id)."""
    rows = db.session.execute(
        select(Notification.user_id, Notification.details).where(
            Notification.kind == kind,
            Notification.report_id == report.id,
            Notification.created_at >= report.created_at,
        )
    ).all()
    return {user_id for user_id, details in rows if (details or {}).get("event") == event}


def notify(
    kind: str,
    report: Report,
    recipients: Iterable[User],
    *,
    event: str,
    actor: User | None = None,
    query_id: int | None = None,
    details: dict | None = None,
    note: str | None = None,
) -> list[Notification]:
    """Tell `recipients` (less the actor and those already told of `event`) that `kind`
    happened to `report`; flushes. `note`: the words of the secretariat or the Party
    (the return message, the query, the reply), quoted in the mail."""
    details = {**(details or {}), "event": event}
    told = already_told(kind, report, event)
    made = []
    for user in recipients:
        if user.id in told or (actor is not None and user.id == actor.id):
            continue
        told.add(user.id)
        notification = Notification(
            user_id=user.id, kind=kind, report_id=report.id, query_id=query_id, details=details
        )
        db.session.add(notification)
        made.append(notification)
        _mail(user, kind, report, query_id, details, note, actor)
    db.session.flush()
    if made:
        log.info("notification %s of report %s to %d people", kind, report.id, len(made))
    return made


def _mail(user: User, kind: str, report: Report, query_id, details, note, actor) -> None:
    endpoint, values = target(user, report.id, query_id, details.get("question_key"), kind)
    link = absolute_url(endpoint, **values)
    with force_locale(user.language or "en"):
        title = subject(kind, report)
        body = render_template(
            "notifications/mail/notification.txt",
            user=user,
            summary=summary(kind, report, details),
            note=note,
            link=link,
        )
    send_mail([user.email], title, body, purpose="notification", user=actor)
