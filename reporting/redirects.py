"""The one check for every redirect target that arrives with a request (`next`, `back`).

Only a path on this site is followed. Anything a browser could read as another site is
refused: a scheme or host, a protocol-relative `//host`, a backslash (`/\\host`), and any
control or space character, which browsers drop before reading the URL (so
`/\\t/evil.example` becomes `//evil.example`) and which headers cannot carry (`\\r\\n`).
"""

from __future__ import annotations

from typing import TypeGuard
from urllib.parse import urlsplit

MAX_LENGTH = 2000


def is_safe_path(url: str | None) -> TypeGuard[str]:
    if not isinstance(url, str) or not url.startswith("/") or len(url) > MAX_LENGTH:
        return False
    if url.startswith("//") or "\\" in url:
        return False
    if any(ord(c) <= 0x20 or ord(c) == 0x7F or c.isspace() for c in url):
        return False
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc


def safe_target(url: str | None, default: str) -> str:
    """`url` if it is a path on this site, else `default`."""
    return url if is_safe_path(url) else default
