"""A user's notifications, as their home page lists them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Notification, Report, User
from ..models.types import utcnow

#: How many notifications the home page lists.
SHOWN = 20


def recent(user: User, limit: int = SHOWN) -> Sequence[Notification]:
    """The user's latest notifications, newest first."""
    return db.session.scalars(
        select(Notification)
        .where(Notification.user_id == user.id)
        .options(
            selectinload(Notification.report).selectinload(Report.party),
            selectinload(Notification.report).selectinload(Report.cycle),
        )
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(limit)
    ).all()


def mark_read(user: User, notification_id: int | None = None) -> int:
    """Mark one of the user's notifications (or all of them) read; flushes. Returns how
    many were marked; another user's notification is never touched."""
    statement = (
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    if notification_id is not None:
        statement = statement.where(Notification.id == notification_id)
    # An UPDATE's result is a CursorResult (scoped_session.execute is typed more loosely).
    result = cast(
        CursorResult, db.session.execute(statement.execution_options(synchronize_session="fetch"))
    )
    marked = result.rowcount
    db.session.flush()
    return marked
