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
        for m in db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())
                                    .limit(limit)):
            click.echo(f"{m.id:>6} {m.created_at:%Y-%m-%d %H:%M} {m.status.value:<7} "
                       f"{m.purpose:<15} {', '.join(m.recipients)}: {m.subject}")

    @mail_group.command("send-queued")
    def send_queued_command():
        """Send queued and failed mails through the configured MAIL_SERVER."""
        from ..mail import mail_configured, send_queued

        if not mail_configured():
            raise click.UsageError("MAIL_SERVER is not configured; nothing can be sent.")
        sent, failed = send_queued()
        db.session.commit()
        click.echo(f"Sent {sent}, failed {failed}.")
