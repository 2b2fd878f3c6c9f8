"""`ort mail ...`: look at the outbox and send what was queued without a mail server."""

import click
from sqlalchemy import select

from ..extensions import db
from ..models import OutboxMessage


def register(group):
    @group.group("mail")
    def mail_group():
        """The outbox of mails written by the tool."""

    @mail_group.command("list")
    @click.option("--limit", default=20, show_default=True)
    def list_outbox(limit):
        """The latest mails with their status (queued, sent, failed)."""
        for m in db.session.scalars(
            select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)
        ):
            click.echo(
                f"{m.id:>6} {m.created_at:%Y-%m-%d %H:%M} {m.status.value:<7} "
                f"{m.purpose:<15} {', '.join(m.recipients)}: {m.subject}"
            )

    @mail_group.command("show")
    @click.argument("message_id", type=click.IntRange(1, 2**31 - 1))
    def show_message(message_id):
        """One mail in full, secret links included: for an operator of the server only
        (no web page shows the text of a password or invitation mail)."""
        message = db.session.get(OutboxMessage, message_id)
        if message is None:
            raise click.UsageError(f"No mail with id {message_id}.")
        click.echo(
            f"To: {', '.join(message.recipients)}\nSubject: {message.subject}\n"
            f"Status: {message.status.value}\n\n{message.body}"
        )

    @mail_group.command("send-queued")
    def send_queued_command():
        """Send queued and failed mails through the configured MAIL_SERVER."""
        from ..mail import mail_configured, send_queued

        if not mail_configured():
            raise click.UsageError("MAIL_SERVER is not configured; nothing can be sent.")
        sent, failed = send_queued()
        db.session.commit()
        click.echo(f"Sent {sent}, failed {failed}.")
