"""Machine access to published data: API clients, their calls, the change feed, webhooks.

A client is a partner data centre (scope `read:published`) or the secretariat's own tools
(`read:all`). Its token is shown once and stored only as a SHA-256 hash. Every call is
logged. Changes that clients sync on are written to `change_event` as they happen and get
their place in the feed (`seq`) only when they become visible (see `reporting.api.feed`).
"""

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from .types import JSONType, UTCDateTime, utcnow


class ApiClient(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    #: SHA-256 (hex) of the bearer token; the token itself is never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: The token's first characters, to recognise it in a list without revealing it.
    token_prefix: Mapped[str] = mapped_column(String(16))
    #: Space-separated scopes, e.g. "read:published webhooks:manage".
    scopes: Mapped[str] = mapped_column(String(200))
    #: Flask-Limiter notation ("1000 per hour"); None: the configured default.
    rate_limit: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def scope_set(self) -> frozenset[str]:
        return frozenset(self.scopes.split())

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def __repr__(self) -> str:
        return f"<ApiClient {self.name} {self.scopes}>"


class ApiCall(Model):
    """One request to the API, answered or refused (401 and 429 included)."""

    __table_args__ = (Index("ix_api_call_client_id_at", "client_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: None when the request carried no valid token.
    client_id: Mapped[int | None] = mapped_column(ForeignKey("api_client.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    method: Mapped[str] = mapped_column(String(10))
    path: Mapped[str] = mapped_column(String(500))
    query: Mapped[str | None] = mapped_column(String(1000))
    status: Mapped[int]
    duration_ms: Mapped[int]
    ip_address: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str | None] = mapped_column(String(300))


class ChangeEvent(Model):
    """Something a syncing client must learn about a report.

    `seq` is the event's position in the feed. It is assigned, in commit order, when the
    event becomes visible (at once, or when an embargo ends), so a client that reads the
    feed after its last cursor never misses an event that committed or surfaced late.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Position in the feed; None until the event is visible and sequenced.
    seq: Mapped[int | None] = mapped_column(unique=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    #: published, revised, withdrawn (published data); submitted, returned, accepted.
    event: Mapped[str] = mapped_column(String(16))
    #: "published": every client sees it; "all": only `read:all` clients.
    audience: Mapped[str] = mapped_column(String(16))
    version_no: Mapped[int | None]
    #: When the event may be shown (the end of an embargo for a publication).
    visible_from: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    report = relationship("Report")


class Webhook(Model):
    __table_args__ = (UniqueConstraint("client_id", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("api_client.id"), index=True)
    url: Mapped[str] = mapped_column(String(2000))
    #: HMAC-SHA256 key for signing payloads; shown to the client once, at registration.
    secret: Mapped[str] = mapped_column(String(64))
    #: Event names the client wants, e.g. ["report.published", "report.revised"].
    events: Mapped[list] = mapped_column(JSONType)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    client: Mapped[ApiClient] = relationship()


class DeliveryStatus(str, enum.Enum):
    pending = "pending"  #: not yet delivered; tried again at `next_attempt_at`
    delivered = "delivered"
    failed = "failed"  #: gave up after the last retry


class WebhookDelivery(Model):
    """One event to send to one webhook, with the outcome of its latest attempt."""

    __table_args__ = (
        UniqueConstraint("webhook_id", "change_id"),
        Index("ix_webhook_delivery_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    webhook_id: Mapped[int] = mapped_column(
        ForeignKey("webhook.id", ondelete="CASCADE"), index=True
    )
    change_id: Mapped[int] = mapped_column(ForeignKey("change_event.id", ondelete="CASCADE"))
    event: Mapped[str] = mapped_column(String(32))
    #: The JSON body sent (signed as is).
    payload: Mapped[dict] = mapped_column(JSONType)
    status: Mapped[DeliveryStatus] = mapped_column(
        Enum(DeliveryStatus, native_enum=False, length=16, create_constraint=True),
        default=DeliveryStatus.pending,
    )
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    response_code: Mapped[int | None]
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    webhook: Mapped[Webhook] = relationship()
