"""Signing webhook payloads so that a receiver can trust them.

Each POST carries `X-ORT-Timestamp` (Unix seconds) and
`X-ORT-Signature: sha256=<hex>`, the HMAC-SHA256, keyed with the webhook's secret, of
`<timestamp>.<body>`. A receiver recomputes it over the raw body, compares in constant
time, and rejects old timestamps (replays).
"""

import hashlib
import hmac


def signature(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(
        secret.encode("utf-8"), f"{timestamp}.".encode("ascii") + body, hashlib.sha256
    ).hexdigest()
    return f"sha256={digest}"


def verify(secret: str, timestamp: int, body: bytes, header: str) -> bool:
    return hmac.compare_digest(signature(secret, timestamp, body), header or "")
