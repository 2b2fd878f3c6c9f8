"""Checking e-mail and password, in constant work whether or not the account exists."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from .. import audit
from ..extensions import db
from ..models import User
from ..models.types import utcnow
from . import lockout

_DUMMY_HASH = None


class AccountLocked(Exception):
    """Too many failed log-ins in a row: the account takes none before `until`."""

    def __init__(self, until: datetime):
        super().__init__(until)
        self.until = until


def _dummy_hash() -> str:
    global _DUMMY_HASH  # computed once: the same algorithm and cost as real passwords
    if _DUMMY_HASH is None:
        _DUMMY_HASH = generate_password_hash("not a password", method="scrypt")
    return _DUMMY_HASH


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password; records the attempt (caller commits).

    Raises AccountLocked, without checking the password, while the account is locked."""
    email = (email or "").strip().lower()
    user = db.session.scalars(select(User).where(func.lower(User.email) == email)).first()
    if user is None or not user.password_hash:
        check_password_hash(_dummy_hash(), password or "")  # same time as a real check
        audit.record("user.login_failed", email=email[:254], reason="unknown")
        return None
    until = lockout.locked_until(user)
    if until is not None:
        audit.record("user.login_refused", user, party_id=user.party_id, reason="locked")
        raise AccountLocked(until)
    if not user.check_password(password or "") or not user.active:
        audit.record("user.login_failed", user, party_id=user.party_id)
        lockout.record_failure(user)
        return None
    lockout.clear(user)
    user.last_login_at = utcnow()
    audit.record("user.login", user, party_id=user.party_id)
    return user


def set_password(user: User, password: str) -> None:
    """Set a new password (through a one-time link): the link and every session end."""
    user.set_password(password)
    user.reset_nonce = None
    user.end_sessions()
    lockout.clear(user)
    audit.record("user.password_set", user, party_id=user.party_id)
    db.session.flush()
