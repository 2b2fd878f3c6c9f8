"""Who is told: the secretariat about arrivals, the Party's people about decisions."""
from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from ..models import Role, User


def secretariat() -> list[User]:
    """Active secretariat and admin users."""
    return db.session.scalars(
        select(User).where(User.role.in_([Role.secretariat, Role.admin]), User.active.is_(True))
        .order_by(User.id)
    ).all()


def party_people(party_id: int) -> list[User]:
    """The Party's active focal points and contributors (never another Party's)."""
    return db.session.scalars(
        select(User).where(User.party_id == party_id,
                           User.role.in_([Role.focal_point, Role.contributor]),
                           User.active.is_(True))
        .order_by(User.id)
    ).all()
