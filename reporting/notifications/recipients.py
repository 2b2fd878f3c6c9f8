"""Who is told: the secretariat about arrivals, the Party's people about decisions."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from ..extensions import db
from ..models import Role, User, UserConvention


def secretariat() -> Sequence[User]:
    """Active secretariat and admin users."""
    return db.session.scalars(
        select(User)
        .where(User.role.in_([Role.secretariat, Role.admin]), User.active.is_(True))
        .order_by(User.id)
    ).all()


def party_people(party_id: int, convention: str) -> Sequence[User]:
    """The Party's active focal points and contributors in `convention` (never another
    Party's, nor people who do not report under that convention)."""
    return db.session.scalars(
        select(User)
        .join(UserConvention)
        .where(
            User.party_id == party_id,
            UserConvention.convention == convention,
            User.role.in_([Role.focal_point, Role.contributor]),
            User.active.is_(True),
        )
        .order_by(User.id)
    ).all()


def focal_points(party_id: int, convention: str) -> Sequence[User]:
    """The Party's active focal points of `convention`."""
    return [
        u for u in party_people(party_id, convention) if u.role_in(convention) == Role.focal_point
    ]
