"""One-time password links.

The token is signed (itsdangerous) with the application's secret and carries a digest of
the user's current password hash: once the password is set, the hash changes and every
link issued before stops working. Links also expire (`ORT_RESET_LINK_MAX_AGE` seconds,
seven days by default, long enough for a new focal point to find the invitation).
"""
from __future__ import annotations

import hashlib
import hmac

from flask import current_app, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer

from ..extensions import db
from ..models import User

_SALT = "ort-password-link"
DEFAULT_MAX_AGE = 7 * 24 * 3600


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def _password_state(user: User) -> str:
    material = f"{user.id}:{user.email}:{user.password_hash or ''}".encode("utf-8")
    return hashlib.sha256(material).hexdigest()[:24]


def reset_token(user: User) -> str:
    return _serializer().dumps({"u": user.id, "p": _password_state(user)})


def user_for_reset_token(token: str, max_age: int | None = None) -> User | None:
    """The active user a link was issued for, if it is genuine, unused and not expired."""
    max_age = max_age or current_app.config.get("ORT_RESET_LINK_MAX_AGE", DEFAULT_MAX_AGE)
    try:
        data = _serializer().loads(token, max_age=max_age)
    except BadSignature:  # also SignatureExpired
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    user = db.session.get(User, data["u"])
    if user is None or not user.active:
        return None
    if not hmac.compare_digest(str(data.get("p", "")), _password_state(user)):
        return None
    return user


def issue_reset_link(user: User) -> str:
    """The absolute URL of a one-time link where `user` sets a new password."""
    return url_for("auth.reset_password", token=reset_token(user), _external=True)
