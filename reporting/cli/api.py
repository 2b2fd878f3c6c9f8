"""`ort create-api-client`, `ort revoke-api-client`, `ort api-clients`, `ort webhooks deliver`."""

import click
from sqlalchemy import select

from ..extensions import db
from ..models import ApiClient


def register(group):
    @group.command("create-api-client")
    @click.option("--name", required=True, help="Who the client is, e.g. the partner's name.")
    @click.option(
        "--scopes",
        default="read:published",
        show_default=True,
        help="Comma-separated: read:published, read:all, webhooks:manage.",
    )
    @click.option(
        "--rate-limit", default=None, help='e.g. "600 per hour" (default: ORT_API_RATE_LIMIT).'
    )
    def create_api_client(name, scopes, rate_limit):
        """Create an API client and print its token (shown only this once)."""
        from ..api.clients import ClientError, create_client

        try:
            client, token = create_client(name, scopes, rate_limit)
        except ClientError as exc:
            raise click.UsageError(str(exc)) from None
        db.session.commit()
        click.echo(f"Created API client {client.name} ({client.scopes}).")
        click.echo("Token (store it now; it cannot be shown again):")
        click.echo(token)

    @group.command("revoke-api-client")
    @click.option("--name", required=True)
    def revoke_api_client(name):
        """Revoke a client's token at once (its webhooks stop too)."""
        from ..api.clients import revoke_client

        client = db.session.scalars(select(ApiClient).where(ApiClient.name == name)).first()
        if client is None:
            raise click.UsageError(f"No API client named {name!r}.")
        revoke_client(client)
        db.session.commit()
        click.echo(f"Revoked API client {client.name}.")

    @group.command("api-clients")
    def list_api_clients():
        """API clients: name, token prefix, scopes, rate limit, revoked or not."""
        for c in db.session.scalars(select(ApiClient).order_by(ApiClient.name)):
            state = f"revoked {c.revoked_at:%Y-%m-%d}" if c.revoked_at else "active"
            click.echo(
                f"{c.name:<30} {c.token_prefix}... {c.scopes:<40} "
                f"{c.rate_limit or 'default limit':<16} {state}"
            )

    @group.group("webhooks")
    def webhooks_group():
        """Webhook deliveries."""

    @webhooks_group.command("deliver")
    @click.option("--limit", default=100, show_default=True, help="Deliveries to send at most.")
    def deliver(limit):
        """Send the due webhook deliveries now, in the foreground.

        The task queue's workers deliver and retry webhooks by themselves; this is for an
        operator (no worker running, or to see what is due).
        """
        from ..api.webhooks.delivery import deliver_due

        run = deliver_due(limit=limit)
        click.echo(
            f"Delivered {len(run.delivered)}, to retry {len(run.retrying)}, "
            f"failed {len(run.failed)}."
        )
