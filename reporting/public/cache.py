"""Public pages and files computed once per publication state, served with an ETag.

The *publication stamp* fingerprints everything a public page is made of: the published
reports (which, which version, when published: an embargo that ends changes it by itself,
since "published" is counted at the moment of the request), the submissions, the cycles,
the Parties and the day (the performance page's checkpoints pass with time).
A page's key is the stamp, the code and catalog build, the language and the full URL:
when a report is published (or returned, or its embargo ends) every key changes, and the
next visitor gets freshly computed pages; until then every worker and host serves the
stored copy (Redis, or files for the embedded default) and browsers and proxies
revalidate with `If-None-Match` (304, no body).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Response, current_app, request
from flask_babel import get_locale
from sqlalchemy import func, select

from ..config import PROJECT_ROOT
from ..extensions import cache, db
from ..models import Party, Report, ReportingCycle
from ..models.types import utcnow

#: Browsers and proxies keep public pages but ask whether they changed (ETag) each time.
CACHE_CONTROL = "public, no-cache"


@dataclass(frozen=True)
class Payload:
    """What a public URL answers: its body, type and, for downloads, a file name."""

    body: bytes
    mimetype: str = "text/html; charset=utf-8"
    filename: str | None = None
    headers: dict = field(default_factory=dict)


def _stamp_now() -> str:
    published = Report.published_clause()
    reports = db.session.execute(
        select(
            func.count(Report.id),
            func.coalesce(func.sum(Report.id * 4099 + Report.submitted_versions), 0),
            func.max(Report.publish_after),
            func.max(Report.updated_at),
        ).where(published)
    ).one()
    submitted = db.session.execute(
        select(func.count(Report.id), func.max(Report.submitted_at)).where(
            Report.submitted_versions > 0
        )
    ).one()
    cycles = db.session.execute(
        select(
            func.count(ReportingCycle.id),
            func.max(ReportingCycle.due_date),
            func.coalesce(func.sum(ReportingCycle.id), 0),
        )
    ).one()
    parties = db.session.execute(select(func.count(Party.id), func.max(Party.id))).one()
    # The day, too: pages that say "now" or count deadlines passed change with it.
    today = utcnow().date().isoformat()
    return hashlib.sha256(
        repr((tuple(reports), tuple(submitted), tuple(cycles), tuple(parties), today)).encode()
    ).hexdigest()[:24]


_recent: dict[str, tuple[float, str]] = {}


def publication_stamp() -> str:
    """The current publication state's fingerprint (re-read at most every
    `ORT_PUBLIC_STAMP_SECONDS` per process: one small query instead of one per request)."""
    keep = current_app.config.get("ORT_PUBLIC_STAMP_SECONDS", 2)
    url = current_app.config["SQLALCHEMY_DATABASE_URI"]
    now = time.monotonic()
    seen = _recent.get(url)
    if keep and seen and now - seen[0] < keep:
        return seen[1]
    stamp = _stamp_now()
    _recent[url] = (now, stamp)
    return stamp


_build: str | None = None


def build_fingerprint() -> str:
    """Code that changes what pages say: templates, catalogs, formats (hashed once)."""
    global _build
    if _build is None:
        digest = hashlib.sha256()
        for folder, pattern in (
            ("reporting/templates", "**/*.html"),
            ("translations", "**/*.po"),
            ("forms", "**/*"),
            ("reporting/static", "**/*"),
        ):
            for path in sorted((PROJECT_ROOT / folder).glob(pattern)):
                if path.is_file():
                    digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
                    digest.update(path.read_bytes())
        _build = digest.hexdigest()[:16]
    return _build


def page_key() -> str:
    """The cache key and ETag of this request's public page (its full URL, host included:
    a page may link to itself absolutely, e.g. in a citation or an embed code)."""
    parts = (publication_stamp(), build_fingerprint(), str(get_locale()), request.url)
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def _response(payload: Payload, etag: str) -> Response:
    response = Response(payload.body, mimetype=payload.mimetype, headers=payload.headers)
    if payload.filename:
        response.headers["Content-Disposition"] = f'attachment; filename="{payload.filename}"'
    response.set_etag(etag)
    response.headers["Cache-Control"] = CACHE_CONTROL
    return response


#: The suffixes flask-compress gives a strong ETag when it compresses the body.
_ENCODINGS = ("", ":br", ":gzip")


def not_modified(etag: str) -> Response | None:
    """A 304 when the browser holds this page, compressed (`"key:br"`) or not: answered
    before the stored copy is read and compressed again."""
    held = next(
        (etag + suffix for suffix in _ENCODINGS if etag + suffix in request.if_none_match), None
    )
    if held is not None:
        response = Response(status=304)
        response.set_etag(held)
        response.headers["Cache-Control"] = CACHE_CONTROL
        return response
    return None


def cached(render: Callable[[], Payload | str]) -> Response:
    """This request's public page or file: 304 when the browser has it, the stored copy
    when one was computed for the current publication state, else `render()` (stored).
    Errors raised by `render` (404, 400) are answered and never stored."""
    etag = page_key()
    unchanged = not_modified(etag)
    if unchanged is not None:
        return unchanged
    payload = cache.get(etag)
    if payload is None:
        payload = render()
        if isinstance(payload, str):
            payload = Payload(payload.encode())
        cache.set(etag, payload)
    return _response(payload, etag)


def conditional(stream: Callable[[], Response]) -> Response:
    """A large download (the open data files) streamed as it is made, never stored, but
    with the ETag of the publication state: an unchanged file is a 304."""
    etag = page_key()
    unchanged = not_modified(etag)
    if unchanged is not None:
        return unchanged
    response = stream()
    response.set_etag(etag)
    response.headers["Cache-Control"] = CACHE_CONTROL
    return response
