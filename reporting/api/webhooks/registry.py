"""A client's webhooks: register (with a fresh secret), list, remove.

Removing a webhook deactivates it, so its delivery log stays; registering the same URL
again reactivates it with a new secret.
"""

from __future__ import annotations

import secrets

from sqlalchemy import select

from ...extensions import db
from ...models import ApiClient, Webhook

PUBLISHED_EVENTS = ("report.published", "report.revised", "report.withdrawn")


class WebhookExists(Exception):
    """An active webhook of the client has this URL already."""


def client_webhooks(client: ApiClient):
    return (
        select(Webhook)
        .where(Webhook.client_id == client.id, Webhook.active.is_(True))
        .order_by(Webhook.id)
    )


def client_webhook(client: ApiClient, webhook_id: int) -> Webhook | None:
    return db.session.scalars(client_webhooks(client).where(Webhook.id == webhook_id)).first()


def register(client: ApiClient, url: str, events: list[str]) -> Webhook:
    webhook = db.session.scalars(
        select(Webhook).where(Webhook.client_id == client.id, Webhook.url == url)
    ).first()
    if webhook is not None and webhook.active:
        raise WebhookExists(url)
    if webhook is None:
        webhook = Webhook(client_id=client.id, url=url)
        db.session.add(webhook)
    webhook.events = sorted(set(events))
    webhook.secret = secrets.token_hex(32)
    webhook.active = True
    db.session.flush()
    return webhook


def remove(webhook: Webhook) -> None:
    webhook.active = False
    db.session.flush()
