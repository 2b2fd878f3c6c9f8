"""Notification tasks: tell the Parties whose embargo ended that their report is published."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from celery import shared_task
from sqlalchemy import exists, select

from ..extensions import db
from ..models import AuditEvent, Report
from ..models.types import utcnow
from ..notifications import report_published
from ..notifications.events import PUBLICATION_ANNOUNCED

#: Publications older than this are not announced any more (a sweep that was down for
#: longer does not mail about old news).
LOOK_BACK = timedelta(days=7)
#: Reports announced per batch (the sweep runs batches until none is left).
BATCH = 200


def due_publications(now=None, limit: int = BATCH) -> Sequence[Report]:
    """Reports published (embargo ended) recently whose publication was not announced."""
    now = now or utcnow()
    # Announced since this acceptance (a row of a report that reused the id does not count).
    announced = exists().where(
        AuditEvent.report_id == Report.id,
        AuditEvent.action == PUBLICATION_ANNOUNCED,
        AuditEvent.at >= Report.accepted_at,
    )
    return db.session.scalars(
        select(Report)
        .where(Report.published_clause(now), Report.publish_after > now - LOOK_BACK, ~announced)
        .order_by(Report.publish_after, Report.id)
        .limit(limit)
    ).all()


@shared_task(name="reporting.tasks.notifications.notify_publications")
def notify_publications() -> int:
    """Periodic: a notification (and mail) to the Party of each report whose embargo ended.

    Each announced report leaves the due list (its audit event), so the batches drain it."""
    done = 0
    while reports := due_publications():
        for report in reports:
            report_published(report)
        db.session.commit()
        done += len(reports)
    return done
