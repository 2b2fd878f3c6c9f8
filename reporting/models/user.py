"""People who log in: national focal points and contributors, secretariat, admins.

A national user works for one Party's government (`party_id`) and holds a role in each
convention they report under (`UserConvention`): the same person can be focal point of
Minamata and contributor of Stockholm. Secretariat and admin roles are global.
"""

from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import Model
from .party import Party
from .types import UTCDateTime, utcnow


class Role(str, enum.Enum):
    focal_point = "focal_point"
    contributor = "contributor"
    secretariat = "secretariat"
    admin = "admin"

    @property
    def is_national(self) -> bool:
        return self in (Role.focal_point, Role.contributor)


class User(UserMixin, Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stored lower-cased; the login identifier.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str | None] = mapped_column(String(255))
    #: The kind of account; for national users the role they were created with (lists
    #: show it); what they may do in a convention's reports is their role in it.
    role: Mapped[Role] = mapped_column(
        Enum(Role, native_enum=False, length=16, create_constraint=True)
    )
    #: Set for national users (focal points, contributors) only.
    party_id: Mapped[int | None] = mapped_column(ForeignKey("party.id"), index=True)
    #: Preferred interface language (one of the six UN languages).
    language: Mapped[str | None] = mapped_column(String(8))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Part of every session's id: raising it ends every session of the user at once
    #: (logout, password change or reset, deactivation). See reporting.auth.sessions.
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")
    #: Failed log-ins in a row; reset by a successful log-in or a new password.
    failed_logins: Mapped[int] = mapped_column(default=0, server_default="0")
    #: No log-in is accepted before this time (after repeated failures).
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Random id of the one password link that is valid now (None: no link is valid).
    reset_nonce: Mapped[str | None] = mapped_column(String(32))

    party: Mapped[Party | None] = relationship()
    conventions: Mapped[list[UserConvention]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="UserConvention.convention"
    )

    def role_in(self, convention: str) -> Role | None:
        """The user's role in `convention`'s reports (None: none); global for staff."""
        if not self.role.is_national:
            return self.role
        return next((m.role for m in self.conventions if m.convention == convention), None)

    @property
    def convention_codes(self) -> list[str]:
        """The conventions a national user reports under."""
        return [m.convention for m in self.conventions]

    def grant(self, convention: str, role: Role) -> None:
        """Give a national user `role` in `convention` (replacing the one they had)."""
        for membership in self.conventions:
            if membership.convention == convention:
                membership.role = role
                return
        self.conventions.append(UserConvention(convention=convention, role=role))

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def get_id(self) -> str:
        """The session's user id: "<id>:<session version>" (Flask-Login's alternative
        token), so that a session issued before the version was raised no longer loads."""
        return f"{self.id}:{self.session_version}"

    def end_sessions(self) -> None:
        """End every session of this user (they must log in again everywhere)."""
        self.session_version = (self.session_version or 1) + 1

    def set_password(self, password: str) -> None:
        # scrypt is werkzeug's current default: memory-hard, no extra dependency.
        self.password_hash = generate_password_hash(password, method="scrypt")

    def check_password(self, password: str) -> bool:
        if not self.password_hash:
            return False
        return check_password_hash(self.password_hash, password)

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role.value}>"


class UserConvention(Model):
    """A national user's role in one convention (focal point or contributor)."""

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True)
    convention: Mapped[str] = mapped_column(ForeignKey("convention.code"), primary_key=True)
    role: Mapped[Role] = mapped_column(
        Enum(Role, native_enum=False, length=16, create_constraint=True)
    )

    def __repr__(self) -> str:
        return f"<UserConvention {self.user_id} {self.convention} {self.role.value}>"
