"""Sending webhook deliveries: one attempt at a time, retried with back-off.

Each delivery is a task of the queue (`reporting.tasks.webhooks.deliver_webhook`, sent
when the delivery's transaction commits) that calls `deliver_one`. A 2xx answer delivers
it; anything else (an error status, a redirect, a timeout, a refused address) is logged
on the delivery and retried after `ORT_WEBHOOK_RETRY_BASE` seconds, doubling each time up
to `ORT_WEBHOOK_RETRY_CAP`, until `ORT_WEBHOOK_MAX_ATTEMPTS` attempts have failed; the
task is retried by Celery at the delivery's `next_attempt_at`. `deliver_due` is the same
work in the foreground (`flask ort webhooks deliver`): it sequences feed events whose time
has come (embargoes that ended) and sends what is due.
Each delivery is claimed with FOR UPDATE SKIP LOCKED and committed on its own, and a
delivery that is not pending or not yet due is left alone, so several workers (and a task
that runs twice) never send anything twice.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from ...extensions import db
from ...models import DeliveryStatus, WebhookDelivery
from ...models.types import utcnow
from ..feed import release_due
from .signing import signature
from .targets import resolved_target_allowed

USER_AGENT = "ORT-Webhooks/1.0"


def setting(name: str):
    """See `reporting.api.SETTINGS`."""
    return current_app.config[name]


def backoff(attempts: int) -> timedelta:
    """Delay before the next try after `attempts` failed ones: base, 2 x base, 4 x base..."""
    delay = setting("ORT_WEBHOOK_RETRY_BASE") * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(delay, setting("ORT_WEBHOOK_RETRY_CAP")))


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not a new target: it must not lead the server elsewhere."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


@dataclass
class DeliveryRun:
    delivered: list[int] = field(default_factory=list)
    retrying: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


def deliver_due(now: datetime | None = None, limit: int = 100) -> DeliveryRun:
    """Send up to `limit` due deliveries; each outcome is committed as it happens."""
    now = now or utcnow()
    release_due(db.session, now)
    db.session.commit()
    run = DeliveryRun()
    for _ in range(limit):
        delivery = db.session.scalars(
            select(WebhookDelivery)
            .where(
                WebhookDelivery.status == DeliveryStatus.pending,
                WebhookDelivery.next_attempt_at <= now,
            )
            .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        ).first()
        if delivery is None:
            break
        attempt(delivery, now)
        {DeliveryStatus.delivered: run.delivered, DeliveryStatus.failed: run.failed}.get(
            delivery.status, run.retrying
        ).append(delivery.id)
        db.session.commit()
    return run


def deliver_one(delivery_id: int, now: datetime | None = None) -> WebhookDelivery | None:
    """Attempt one delivery if it is pending and due; commits. Returns it, or None when
    there was nothing to do (delivered, given up, not yet due, or claimed by another)."""
    now = now or utcnow()
    delivery = db.session.scalars(
        select(WebhookDelivery)
        .where(
            WebhookDelivery.id == delivery_id,
            WebhookDelivery.status == DeliveryStatus.pending,
            WebhookDelivery.next_attempt_at <= now,
        )
        .with_for_update(skip_locked=True)
    ).first()
    if delivery is None:
        db.session.commit()  # ends the read: nothing was written
        return None
    attempt(delivery, now)
    db.session.commit()
    return delivery


def attempt(delivery: WebhookDelivery, now: datetime) -> None:
    """POST the delivery once and record the outcome on it (the caller commits)."""
    webhook = delivery.webhook
    delivery.attempts += 1
    delivery.last_attempt_at = now
    if not webhook.active or not webhook.client.is_active:
        _give_up(delivery, "the webhook was removed or its client revoked")
        return
    code, error = _post(webhook.url, webhook.secret, delivery, now)
    delivery.response_code = code
    if code is not None and 200 <= code < 300:
        delivery.status = DeliveryStatus.delivered
        delivery.delivered_at = now
        delivery.next_attempt_at = None
        delivery.error = None
        return
    delivery.error = error or f"HTTP {code}"
    if delivery.attempts >= setting("ORT_WEBHOOK_MAX_ATTEMPTS"):
        _give_up(delivery, delivery.error)
    else:
        delivery.next_attempt_at = now + backoff(delivery.attempts)
    current_app.logger.info(
        "webhook delivery %s to %s failed (attempt %s): %s",
        delivery.id,
        webhook.url,
        delivery.attempts,
        delivery.error,
    )


def _give_up(delivery: WebhookDelivery, error: str) -> None:
    delivery.status = DeliveryStatus.failed
    delivery.next_attempt_at = None
    delivery.error = error


def _post(url: str, secret: str, delivery: WebhookDelivery, now: datetime):
    if not resolved_target_allowed(url):
        return None, "the target address is not public"
    body = json.dumps(delivery.payload, sort_keys=True, separators=(",", ":")).encode("utf-8")
    timestamp = int(now.timestamp())
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-ORT-Event": delivery.event,
            "X-ORT-Delivery": str(delivery.id),
            "X-ORT-Timestamp": str(timestamp),
            "X-ORT-Signature": signature(secret, timestamp, body),
        },
    )
    try:
        with _opener.open(request, timeout=setting("ORT_WEBHOOK_TIMEOUT")) as response:
            response.read(1024)
            return response.status, None
    except urllib.error.HTTPError as exc:
        return exc.code, f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return None, f"{type(exc).__name__}: {reason}"[:500]
