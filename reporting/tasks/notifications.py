"""Notification tasks: tell the Parties whose embargo ended that their report is published."""
from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from sqlalchemy import exists, select

from ..extensions import db
from ..models import Notification, Report
from ..models.types import utcnow
from ..notifications import report_published

#: Publications older than this are not announced any more (a sweep that was down for
#: longer does not mail about old news).
LOOK_BACK = timedelta(days=7)


def due_publications(now=None) -> list[Report]:
    """Reports published (embargo ended) recently whose Party was not told yet."""
    now = now or utcnow()
    told = exists().where(Notification.report_id == Report.id,
                          Notification.kind == "report.published")
    return db.session.scalars(
        select(Report).where(Report.published_clause(now), Report.publish_after > now - LOOK_BACK,
                             ~told)
        .order_by(Report.publish_after).limit(200)
    ).all()


@shared_task(name="reporting.tasks.notifications.notify_publications")
def notify_publications() -> int:
    """Periodic: a notification (and mail) to the Party of each report whose embargo ended."""
    reports = due_publications()
    for report in reports:
        report_published(report)
    db.session.commit()
    return len(reports)
