"""Slowing down password guessing on one account, whatever address the guesses come from.

The count of failed log-ins in a row lives on the account, in the database every worker
and host shares. After `FREE_ATTEMPTS` failures the account refuses every log-in for a
while, twice as long after each further failure (up to `MAX_LOCK`), without even checking
the password; its owner gets one mail when the lock starts. A successful log-in or a new
password (the owner's way out) clears the count. The per-address budget is Flask-Limiter's
(reporting.web.limits).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from ..extensions import db
from ..models import User
from ..models.types import utcnow

FREE_ATTEMPTS = 5
FIRST_LOCK = timedelta(minutes=1)
MAX_LOCK = timedelta(hours=1)


def locked_until(user: User, now: datetime | None = None) -> datetime | None:
    """When the account takes log-ins again, if it is locked now."""
    now = now or utcnow()
    if user.locked_until is not None and user.locked_until > now:
        return user.locked_until
    return None


def record_failure(user: User) -> None:
    """Count a failed log-in (atomically in SQL) and lock the account when due; flushes."""
    db.session.execute(
        db.update(User).where(User.id == user.id).values(failed_logins=User.failed_logins + 1)
    )
    db.session.refresh(user, ["failed_logins"])
    failures = user.failed_logins
    if failures < FREE_ATTEMPTS:
        return
    user.locked_until = utcnow() + min(FIRST_LOCK * 2 ** (failures - FREE_ATTEMPTS), MAX_LOCK)
    db.session.flush()
    if failures == FREE_ATTEMPTS:
        _tell_owner(user)


def clear(user: User) -> None:
    user.failed_logins = 0
    user.locked_until = None


def _tell_owner(user: User) -> None:
    from ..mail import send_mail

    with force_locale(user.language or "en"):
        subject = _("Several failed log-ins to your account")
        body = render_template("auth/mail/account_locked.txt", user=user, attempts=FREE_ATTEMPTS)
    send_mail([user.email], subject, body, purpose="account_locked")
