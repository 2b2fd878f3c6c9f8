"""The outbox: every mail is recorded, then sent through SMTP or queued for people to see."""
from __future__ import annotations

import logging
import os
import smtplib

from flask import Flask, current_app
from flask_mailman import EmailMessage, Mail
from sqlalchemy import select

from ..extensions import db
from ..models import OutboxMessage, OutboxStatus
from ..models.types import utcnow

log = logging.getLogger(__name__)

mail = Mail()

#: Settings read from the environment when the configuration does not give them.
_ENV_SETTINGS = {
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


def send_mail(recipients: list[str], subject: str, body: str, *, purpose: str,
              user=None, secret: bool = False) -> OutboxMessage:
    """Record a mail and send it now if a mail server is configured; flushes.

    A `secret` mail (one carrying a password or invitation link) is for its recipient
    only: no page ever shows its body; without a mail server an operator reads it in the
    server log or with `flask ort mail show ID`."""
    message = OutboxMessage(
        purpose=purpose, recipients=list(recipients), subject=subject[:300], body=body,
        created_by_id=getattr(user, "id", None), status=OutboxStatus.queued, secret=secret,
    )
    db.session.add(message)
    if mail_configured():
        _deliver(message)
    else:
        log.info("Mail queued (no MAIL_SERVER) to %s: %s\n%s",
                 ", ".join(message.recipients), subject, body)
    db.session.flush()
    return message


def send_queued() -> tuple[int, int]:
    """Send every queued or failed message (e.g. once a mail server is configured).

    Returns (sent, failed)."""
    if not mail_configured():
        return 0, 0
    queued = db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.status.in_([OutboxStatus.queued, OutboxStatus.failed]))
        .order_by(OutboxMessage.id)
    ).all()
    for message in queued:
        _deliver(message)
    db.session.flush()
    sent = sum(m.status == OutboxStatus.sent for m in queued)
    return sent, len(queued) - sent


def _deliver(message: OutboxMessage) -> None:
    email = EmailMessage(message.subject, message.body, to=message.recipients,
                         connection=mail.get_connection())
    try:
        email.send()
    except (smtplib.SMTPException, OSError) as exc:
        # A mail server that is down must not lose the message or break the page.
        message.status = OutboxStatus.failed
        message.error = f"{type(exc).__name__}: {exc}"[:500]
        log.warning("Mail to %s failed: %s", ", ".join(message.recipients), message.error)
        return
    message.status = OutboxStatus.sent
    message.sent_at = utcnow()
    message.error = None
