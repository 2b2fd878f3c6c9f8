"""The outbox: every mail is recorded, then sent through SMTP by a task-queue worker, or
queued for people to see."""

from __future__ import annotations

import logging
import os
import smtplib
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app
from flask_mailman import EmailMessage, Mail
from sqlalchemy import select

from ..extensions import db
from ..models import OutboxMessage, OutboxStatus
from ..models.types import utcnow
from ..observability.metrics import record_mail
from ..tasks.dispatch import enqueue_after_commit

log = logging.getLogger(__name__)

mail = Mail()

#: Settings read from the environment when the configuration does not give them.
_ENV_SETTINGS: dict[str, Callable[[str], Any]] = {
    "MAIL_PORT": int,
    "MAIL_USE_TLS": lambda v: v == "1",
    "MAIL_USE_SSL": lambda v: v == "1",
    "MAIL_USERNAME": str,
    "MAIL_PASSWORD": str,
    "MAIL_DEFAULT_SENDER": str,
    "MAIL_TIMEOUT": int,
}


def init_mail(app: Flask) -> None:
    for name, convert in _ENV_SETTINGS.items():
        if name not in app.config and os.environ.get(name):
            app.config[name] = convert(os.environ[name])
    app.config.setdefault("MAIL_DEFAULT_SENDER", "ORT <no-reply@localhost>")
    app.config.setdefault("MAIL_TIMEOUT", 20)
    mail.init_app(app)


def mail_configured() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


#: The task that sends one message (`reporting.tasks.mail`).
DELIVER_MAIL = "reporting.tasks.mail.deliver_mail"


class TransientMailError(Exception):
    """The mail server failed in a way that may pass (down, busy, a 4xx answer): retry."""


def send_mail(
    recipients: list[str], subject: str, body: str, *, purpose: str, user=None, secret: bool = False
) -> OutboxMessage:
    """Record a mail; flushes. With a mail server configured, a worker sends it (task
    `deliver_mail`) once the caller's transaction commits.

    A `secret` mail (one carrying a password or invitation link) is for its recipient
    only: no page ever shows its body; without a mail server an operator reads it in the
    server log or with `flask ort mail show ID`."""
    message = OutboxMessage(
        purpose=purpose,
        recipients=list(recipients),
        subject=subject[:300],
        body=body,
        created_by_id=getattr(user, "id", None),
        status=OutboxStatus.queued,
        secret=secret,
    )
    db.session.add(message)
    db.session.flush()
    if mail_configured():
        enqueue_after_commit(db.session, DELIVER_MAIL, message.id)
    else:
        log.info(
            "Mail queued (no MAIL_SERVER) to %s: %s\n%s",
            ", ".join(message.recipients),
            subject,
            body,
        )
    return message


def on_its_way(message: OutboxMessage) -> bool:
    """Sent, or queued for a configured mail server (a worker sends it in a moment)."""
    return message.status == OutboxStatus.sent or (
        message.status == OutboxStatus.queued and mail_configured()
    )


def send_queued() -> tuple[int, int]:
    """Send every queued or failed message now, in this process (e.g. once a mail server
    is configured, or with no worker running). Returns (sent, failed)."""
    if not mail_configured():
        return 0, 0
    queued = db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.status.in_([OutboxStatus.queued, OutboxStatus.failed]))
        .order_by(OutboxMessage.id)
    ).all()
    for message in queued:
        try:
            deliver(message)
        except TransientMailError:
            pass  # recorded on the message; `send-queued` or the worker tries again
    db.session.flush()
    sent = sum(m.status == OutboxStatus.sent for m in queued)
    return sent, len(queued) - sent


def deliver(message: OutboxMessage) -> None:
    """Send one message through SMTP now and record the outcome on it (the caller commits).

    A failure is recorded as `failed` with its reason (a mail server that is down must not
    lose the message); one that may pass is raised again as `TransientMailError`."""
    email = EmailMessage(
        message.subject, message.body, to=message.recipients, connection=mail.get_connection()
    )
    try:
        email.send()
    except (smtplib.SMTPException, OSError) as exc:
        message.status = OutboxStatus.failed
        message.error = f"{type(exc).__name__}: {exc}"[:500]
        log.warning("Mail to %s failed: %s", ", ".join(message.recipients), message.error)
        record_mail(sent=False)
        if _transient(exc):
            raise TransientMailError(message.error) from exc
        return
    record_mail(sent=True)
    message.status = OutboxStatus.sent
    message.sent_at = utcnow()
    message.error = None


def _transient(exc: Exception) -> bool:
    """A refused or lost connection, a timeout or a 4xx answer may pass; a 5xx does not."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return any(400 <= code < 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    return isinstance(exc, (smtplib.SMTPServerDisconnected, OSError))
