"""A save that arrives after the session expired is not lost.

The page's posted values travel, signed, in a hidden field of the login form (nothing is
kept in server memory, so any worker can finish the job). After logging in, a small page
posts them back to the report page with a fresh CSRF token: JavaScript sends it at once,
without JavaScript it is one button.

Saving typed values on someone's behalf must not become a way for another site to plant
answers (a cross-site form posted to a report page, then the victim logs in). So the
values are saved straight away only when the original post came from our own pages
(Origin / Sec-Fetch-Site) *and* from the same browser that logs in (a nonce kept in its
session cookie). Otherwise the page shows the values back, not saved, for the user to
check and save.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import current_app, request, session
from itsdangerous import BadSignature, URLSafeTimedSerializer

_SALT = "ort-replay"
_NONCE = "replay_nonce"
MAX_AGE = 24 * 3600
#: Fields of the login page and of the protocol itself, never carried over.
_SKIPPED = {"csrf_token", "email", "password", "next", "replay", "_replay"}

SAVE, REVIEW = "save", "review"


@dataclass(frozen=True)
class Replay:
    url: str
    pairs: list[tuple[str, str]]
    #: SAVE (replay the save) or REVIEW (show the values back, not saved).
    mode: str


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def same_origin_post() -> bool:
    """Did the browser say this post came from one of our own pages?"""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site == "same-origin"
    origin = request.headers.get("Origin")
    if not origin:
        return False
    here = urlsplit(request.host_url)
    there = urlsplit(origin)
    return (there.scheme, there.netloc) == (here.scheme, here.netloc)


def capture() -> str:
    """Sign the posted (non-file) fields of this request for the login form to carry."""
    pairs = [(k, v) for k, v in request.form.items(multi=True) if k not in _SKIPPED]
    trusted = same_origin_post()
    nonce = None
    if trusted:
        nonce = session.get(_NONCE) or secrets.token_urlsafe(16)
        session[_NONCE] = nonce
    return _serializer().dumps({"url": request.path, "pairs": pairs, "nonce": nonce})


def release(token: str | None, nonce: str | None) -> Replay | None:
    """The carried values, after login; `nonce` is the one the browser's session held."""
    if not token:
        return None
    try:
        data = _serializer().loads(token, max_age=MAX_AGE)
    except BadSignature:
        return None
    url = data.get("url") or ""
    if not url.startswith("/") or url.startswith("//"):
        return None
    pairs = [(str(k), str(v)) for k, v in data.get("pairs", []) if k not in _SKIPPED]
    trusted = (
        bool(data.get("nonce"))
        and nonce is not None
        and secrets.compare_digest(data["nonce"], nonce)
    )
    return Replay(url=url, pairs=pairs, mode=SAVE if trusted else REVIEW)


def take_nonce() -> str | None:
    """Read (and forget) the browser's replay nonce; called before the session is renewed."""
    return session.pop(_NONCE, None)
