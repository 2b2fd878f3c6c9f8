"""One-time password links: one valid link per account, expiring in hours.

The token is signed (itsdangerous) with the application's secret and carries a random
nonce that is also stored on the account (`User.reset_nonce`): issuing a new link replaces
the nonce, so only the newest link works; setting the password clears it, so a link works
once. A link to set a first password (an invitation: the account has none yet) expires
after `ORT_INVITATION_LINK_MAX_AGE` seconds (a day by default), a link to reset a password
after `ORT_RESET_LINK_MAX_AGE` (two hours).
"""

from __future__ import annotations

import hmac
import secrets

from flask import current_app, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer

from ..extensions import db
from ..models import User

_SALT = "ort-password-link"
DEFAULT_RESET_MAX_AGE = 2 * 3600
DEFAULT_INVITATION_MAX_AGE = 24 * 3600


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def _max_age(invitation: bool) -> int:
    if invitation:
        return int(
            current_app.config.get("ORT_INVITATION_LINK_MAX_AGE", DEFAULT_INVITATION_MAX_AGE)
        )
    return int(current_app.config.get("ORT_RESET_LINK_MAX_AGE", DEFAULT_RESET_MAX_AGE))


def reset_token(user: User) -> str:
    """A new token for `user`; every token issued before stops working (caller commits)."""
    user.reset_nonce = secrets.token_hex(16)
    db.session.flush()
    return _serializer().dumps({"u": user.id, "n": user.reset_nonce, "i": not user.password_hash})


def user_for_reset_token(token: str) -> User | None:
    """The active user a link was issued for, if it is genuine, the newest, unused and not
    expired."""
    serializer = _serializer()
    try:
        data = serializer.loads(token)  # signature first, age once we know the kind
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or data["u"] < 1:
        return None
    try:
        serializer.loads(token, max_age=_max_age(bool(data.get("i"))))
    except BadSignature:  # SignatureExpired
        return None
    user = db.session.get(User, data["u"]) if data["u"] < 2**31 else None
    if user is None or not user.active or not user.reset_nonce:
        return None
    if not hmac.compare_digest(str(data.get("n", "")), user.reset_nonce):
        return None
    return user


def issue_reset_link(user: User) -> str:
    """The absolute URL of a one-time link where `user` sets a new password."""
    return url_for("auth.reset_password", token=reset_token(user), _external=True)
