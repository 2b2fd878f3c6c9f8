"""Mail tasks: send one outbox message; send again what a lost message left queued."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from flask import current_app
from sqlalchemy import select

from ..extensions import db
from ..mail.outbox import DELIVER_MAIL, TransientMailError, deliver, mail_configured
from ..models import OutboxMessage, OutboxStatus
from ..models.types import utcnow
from . import dispatch

#: A message still `queued` this long after it was written lost its task (a broker
#: restarted, a worker killed on the embedded broker): the sweep sends it again.
STALE_AFTER = timedelta(minutes=10)


@shared_task(name=DELIVER_MAIL, autoretry_for=(TransientMailError,))
def deliver_mail(message_id: int) -> str:
    """Send one outbox message through SMTP and record the outcome on it.

    A transient failure is recorded (`failed`, with the reason, shown in the outbox) and
    retried with exponential back-off and jitter; after the last retry the message stays
    `failed`. Sending a message that is already sent does nothing, so a task that runs
    twice (redelivered after its worker died) sends it once."""
    message = db.session.get(OutboxMessage, message_id)
    if message is None or message.status == OutboxStatus.sent:
        return "gone" if message is None else message.status.value
    if not mail_configured():
        current_app.logger.warning("Mail %s not sent: this worker has no MAIL_SERVER", message_id)
        return message.status.value
    try:
        deliver(message)
    finally:
        db.session.commit()
    return message.status.value


@shared_task(name="reporting.tasks.mail.requeue_stale_mail")
def requeue_stale_mail() -> int:
    """Send again the messages left `queued` for longer than `STALE_AFTER` (periodic)."""
    if not mail_configured():
        return 0
    ids = db.session.scalars(
        select(OutboxMessage.id)
        .where(
            OutboxMessage.status == OutboxStatus.queued,
            OutboxMessage.created_at < utcnow() - STALE_AFTER,
        )
        .order_by(OutboxMessage.id)
        .limit(500)
    ).all()
    db.session.commit()  # ends the read: nothing was written
    for message_id in ids:
        dispatch.send(DELIVER_MAIL, message_id)
    return len(ids)
