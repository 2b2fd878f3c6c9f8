"""Who has a report's page open: a light record kept in a cache, never in the database.

Each open page polls (`static/js/presence.js`) every ~30 seconds; a poll records the user
as present on that page and answers with the others present. An entry older than
`PRESENCE_SECONDS` counts as gone (a closed tab stops polling). The record lives in the
`presence_cache` (Redis in production, shared by every host; files in the instance folder
in the embedded default, shared by the host's workers): no write to the database per poll.

Two polls at the same moment may each miss the other's entry: the next poll puts it back.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..extensions import presence_cache

#: Seconds after its last poll that a user still counts as present (the page polls every
#: 30 s; a missed poll is forgiven).
PRESENCE_SECONDS = 75
#: Seconds a user who closed the page still counts as present (see `leave`).
LEAVE_SECONDS = 10


@dataclass(frozen=True)
class Visitor:
    """Someone else on the page: a display name and since when (UTC)."""

    user_id: int
    name: str
    since: datetime


def _now() -> float:
    return time.time()


def _key(report_id: int, page_key: str) -> str:
    return f"{report_id}:{page_key}"


def visit(report_id: int, page_key: str, user) -> list[Visitor]:
    """Record `user` as present on the page; the others present, of the user's own Party
    (or, for the secretariat, of none), first come first."""
    now = _now()
    key = _key(report_id, page_key)
    entries = _fresh(presence_cache.get(key) or {}, now)
    mine = entries.get(str(user.id))
    entries[str(user.id)] = {
        "name": user.name or "",
        "party": user.party_id,
        "since": mine["since"] if mine else now,
        "seen": now,
    }
    presence_cache.set(key, entries, timeout=PRESENCE_SECONDS * 2)
    return sorted(
        (
            Visitor(int(uid), e["name"], datetime.fromtimestamp(e["since"], UTC))
            for uid, e in entries.items()
            if uid != str(user.id) and e.get("party") == user.party_id
        ),
        key=lambda v: (v.since, v.user_id),
    )


def leave(report_id: int, page_key: str, user) -> None:
    """The user closed the page: gone in `LEAVE_SECONDS`, unless the page comes back by
    then (a save shows the page again: the visit goes on, with its first time)."""
    now = _now()
    key = _key(report_id, page_key)
    entries = _fresh(presence_cache.get(key) or {}, now)
    mine = entries.get(str(user.id))
    if mine is not None:
        mine["seen"] = min(mine["seen"], now - PRESENCE_SECONDS + LEAVE_SECONDS)
        presence_cache.set(key, entries, timeout=PRESENCE_SECONDS * 2)


def _fresh(entries: dict, now: float) -> dict:
    return {uid: e for uid, e in entries.items() if now - e.get("seen", 0) <= PRESENCE_SECONDS}


def cache_config(config) -> dict:
    """The presence cache's settings: the public cache's backend (`CACHE_TYPE`, its Redis
    URL) under a prefix and, for files, a folder of its own."""
    settings = {
        key: config[key]
        for key in ("CACHE_TYPE", "CACHE_REDIS_URL", "CACHE_THRESHOLD")
        if key in config
    }
    settings.update(CACHE_KEY_PREFIX="ort-presence:", CACHE_DEFAULT_TIMEOUT=PRESENCE_SECONDS * 2)
    if "CACHE_DIR" in config:
        settings["CACHE_DIR"] = str(Path(config["CACHE_DIR"]).parent / "presence")
    return settings
