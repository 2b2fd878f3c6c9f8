"""Which addresses a webhook may call.

A webhook URL is chosen by a client, so the server must not be made to call its own
network (cloud metadata, databases, admin ports): private, loopback, link-local and
reserved addresses are refused unless `ORT_WEBHOOK_ALLOW_PRIVATE_TARGETS` is set (tests,
closed networks). Names are checked at registration when they are literal addresses,
and every resolved address is checked again before each delivery.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from flask import current_app

_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def allow_private() -> bool:
    return bool(current_app.config.get("ORT_WEBHOOK_ALLOW_PRIVATE_TARGETS"))


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return ip.is_global and not ip.is_multicast


def literal_target_allowed(url: str) -> bool:
    """Registration check, without DNS: no local names, no non-public literal addresses."""
    if allow_private():
        return True
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if not host or host in _LOCAL_NAMES or host.endswith(".localhost"):
        return False
    try:
        return _is_public(host)
    except ValueError:
        return True  # a name: resolved and checked at delivery


def resolved_target_allowed(url: str) -> bool:
    """Delivery check: every address the host resolves to must be public."""
    if allow_private():
        return True
    parts = urlsplit(url)
    try:
        infos = socket.getaddrinfo(
            parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
        )
    except (socket.gaierror, UnicodeError):
        return False
    return bool(infos) and all(_is_public(str(info[4][0]).split("%")[0]) for info in infos)
