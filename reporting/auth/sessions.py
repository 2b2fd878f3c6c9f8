"""Sessions that end when they should: at logout, on a new password, on deactivation,
after a while without use, and after an absolute lifetime.

The session cookie names the user as "<id>:<session version>" (`User.get_id`). Raising
the user's `session_version` (`User.end_sessions`) ends every session of that user at
once, on every worker and host, since each request loads the user and compares. The idle
timeout is Flask's own: a permanent session whose signed cookie is refreshed on every
request and refused once older than `PERMANENT_SESSION_LIFETIME`. The absolute lifetime
is the log-in time kept in the session.
"""

from __future__ import annotations

import time
from datetime import timedelta

from flask import Flask, current_app, g, session
from flask_login import login_user, logout_user

from ..extensions import db, login_manager
from ..models import User

#: Session key: when the user logged in (seconds since the epoch).
LOGGED_IN_AT = "_ort_login_at"
#: Session keys that survive logging in and out (the chosen language).
KEPT = ("lang",)

DEFAULT_IDLE_MINUTES = 120
DEFAULT_MAX_HOURS = 12


def init_sessions(app: Flask) -> None:
    """Session lifetimes from the configuration; the loader that checks them."""
    app.config.setdefault("ORT_SESSION_IDLE_MINUTES", DEFAULT_IDLE_MINUTES)
    app.config.setdefault("ORT_SESSION_MAX_HOURS", DEFAULT_MAX_HOURS)
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(
        minutes=int(app.config["ORT_SESSION_IDLE_MINUTES"])
    )
    app.config["SESSION_REFRESH_EACH_REQUEST"] = True
    login_manager.user_loader(load_user)


def session_values(user: User, now: float | None = None) -> dict:
    """What a logged-in session holds (also for tests that log in without the form)."""
    return {
        "_user_id": user.get_id(),
        "_fresh": True,
        LOGGED_IN_AT: int(now or time.time()),
        "_permanent": True,
    }


def begin(user: User) -> None:
    """A fresh session for `user`, with nothing of the one before (no fixation)."""
    _clear()
    # A new CSRF token comes with the new session (Flask-WTF caches the old one in `g`).
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)
    login_user(user)
    session.permanent = True
    session[LOGGED_IN_AT] = int(time.time())


def end(user: User | None) -> None:
    """Log out here and everywhere else: every session of the user ends (caller commits)."""
    if user is not None and getattr(user, "is_authenticated", False):
        user.end_sessions()
        db.session.flush()
    logout_user()
    _clear()


def load_user(session_id: str) -> User | None:
    """The session's user if the session is still valid (Flask-Login's user loader)."""
    user_id, _, version = (session_id or "").partition(":")
    if not (user_id.isdigit() and version.isdigit()) or len(user_id) > 10:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    logged_in_at = session.get(LOGGED_IN_AT)
    max_age = float(current_app.config["ORT_SESSION_MAX_HOURS"]) * 3600
    if not isinstance(logged_in_at, int) or time.time() - logged_in_at > max_age:
        return None
    return user


def _clear() -> None:
    kept = {key: session[key] for key in KEPT if key in session}
    session.clear()
    session.update(kept)
