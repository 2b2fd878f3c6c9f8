"""Webhook tasks: one task per delivery, retried by Celery at the delivery's next attempt."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from sqlalchemy import select

from ..api.feed import DELIVER_WEBHOOK, release_due
from ..api.webhooks.delivery import deliver_one
from ..extensions import db
from ..models import DeliveryStatus, WebhookDelivery
from ..models.types import utcnow
from . import dispatch

#: A pending delivery overdue by this much lost its task: the sweep sends it again.
OVERDUE_AFTER = timedelta(minutes=5)


@shared_task(name=DELIVER_WEBHOOK, bind=True, max_retries=None)
def deliver_webhook(self, delivery_id: int) -> str:
    """POST one delivery (signed, logged on its row); on failure, retry at the time the
    back-off gives (`ORT_WEBHOOK_*`), which the delivery log shows as `next_attempt_at`.
    The number of attempts is the delivery's own (`ORT_WEBHOOK_MAX_ATTEMPTS`)."""
    delivery = deliver_one(delivery_id)
    if delivery is None:
        return "nothing to do"
    if delivery.status == DeliveryStatus.pending:
        assert delivery.next_attempt_at is not None  # a pending delivery has its next try
        delay = max((delivery.next_attempt_at - utcnow()).total_seconds(), 0)
        raise self.retry(countdown=delay)
    return delivery.status.value


@shared_task(name="reporting.tasks.webhooks.deliver_due_webhooks")
def deliver_due_webhooks() -> int:
    """Periodic: announce publications whose embargo ended (their deliveries are sent on
    commit) and send again the pending deliveries whose task was lost."""
    release_due(db.session)
    db.session.commit()
    ids = db.session.scalars(
        select(WebhookDelivery.id)
        .where(
            WebhookDelivery.status == DeliveryStatus.pending,
            WebhookDelivery.next_attempt_at < utcnow() - OVERDUE_AFTER,
        )
        .order_by(WebhookDelivery.next_attempt_at)
        .limit(500)
    ).all()
    db.session.commit()  # ends the read: nothing was written
    for delivery_id in ids:
        dispatch.send(DELIVER_WEBHOOK, delivery_id)
    return len(ids)
