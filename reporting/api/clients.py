"""API clients and their bearer tokens: created by an admin, shown once, stored hashed.

Tokens carry 256 random bits, so a plain SHA-256 is enough to store them (a slow password
hash protects guessable secrets; these are not) and lets a request find its client with
one indexed lookup.
"""

from __future__ import annotations

import hashlib
import secrets

from limits import parse_many
from sqlalchemy import select

from ..extensions import db
from ..models import ApiClient
from ..models.types import utcnow

#: scope -> what it allows. `read:all` includes everything `read:published` allows.
SCOPES = {
    "read:published": "published reports, parties, cycles, formats, exports and aggregates",
    "read:all": "every report in any status, confidential answers and personal data included",
    "webhooks:manage": "register and remove the client's own webhooks",
}
TOKEN_PREFIX = "ort_"


class ClientError(ValueError):
    """A client that cannot be created as asked (unknown scope, bad limit, name taken)."""


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def parse_scopes(scopes) -> list[str]:
    items = scopes.replace(",", " ").split() if isinstance(scopes, str) else list(scopes)
    unknown = sorted(set(items) - set(SCOPES))
    if unknown:
        raise ClientError(f"unknown scope(s): {', '.join(unknown)}; known: {', '.join(SCOPES)}")
    if not items:
        raise ClientError("give at least one scope")
    return sorted(set(items))


def check_rate_limit(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        parse_many(value)
    except ValueError as exc:
        raise ClientError(f"rate limit {value!r}: {exc}") from None
    return value


def create_client(name: str, scopes, rate_limit: str | None = None) -> tuple[ApiClient, str]:
    """A new client and its token (the only time the token exists outside the caller)."""
    name = name.strip()
    if not name:
        raise ClientError("give the client a name")
    if db.session.scalars(select(ApiClient).where(ApiClient.name == name)).first():
        raise ClientError(f"a client named {name!r} exists already")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    client = ApiClient(
        name=name,
        token_hash=token_digest(token),
        token_prefix=token[:10],
        scopes=" ".join(parse_scopes(scopes)),
        rate_limit=check_rate_limit(rate_limit),
    )
    db.session.add(client)
    db.session.flush()
    return client, token


def client_for_token(token: str) -> ApiClient | None:
    """The active client holding `token`, if any."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    client = db.session.scalars(
        select(ApiClient).where(ApiClient.token_hash == token_digest(token))
    ).first()
    return client if client is not None and client.is_active else None


def revoke_client(client: ApiClient) -> None:
    if client.revoked_at is None:
        client.revoked_at = utcnow()
    for webhook in _webhooks(client):
        webhook.active = False
    db.session.flush()


def _webhooks(client: ApiClient):
    from ..models import Webhook

    return db.session.scalars(select(Webhook).where(Webhook.client_id == client.id))
