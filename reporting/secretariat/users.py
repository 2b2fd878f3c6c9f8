"""Managing accounts: the secretariat creates focal points (and contributors, colleagues),
deactivates and reactivates them. New accounts have no password: their owner sets one
through a reset link, so the secretariat never knows anyone's password.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from .. import audit
from ..conventions import list_conventions
from ..extensions import db
from ..models import Party, Role, User


class UserError(Exception):
    """A user change that is refused; the message is translated for the user."""


def creatable_roles(actor: User) -> list[Role]:
    """Roles `actor` may give: only administrators create administrators."""
    return [r for r in Role if r != Role.admin or actor.role == Role.admin]


def create_user(
    actor: User,
    *,
    email: str,
    role: Role,
    party: Party | None = None,
    name: str = "",
    language: str | None = None,
    convention: str | None = None,
) -> User:
    """Create an account; a national user gets `role` in `convention` (the one served,
    when a single convention is)."""
    email = email.strip().lower()
    if role not in creatable_roles(actor):
        raise UserError(_("You may not create users with this role."))
    if role.is_national and party is None:
        raise UserError(_("Choose the Party of a focal point or contributor."))
    if not role.is_national and party is not None:
        raise UserError(_("Only focal points and contributors belong to a Party."))
    if db.session.scalar(select(func.count(User.id)).where(User.email == email)):
        raise UserError(_("A user with this e-mail address exists already."))
    if role.is_national:
        convention = convention or _only_convention()
        if convention is None or convention not in {c.code for c in list_conventions()}:
            raise UserError(_("Choose the convention of a focal point or contributor."))
    user = User(
        email=email,
        name=(name or "").strip(),
        role=role,
        party=party,
        language=language or None,
        active=True,
    )
    if role.is_national and convention is not None:  # never None for a national role (above)
        user.grant(convention, role)
    db.session.add(user)
    db.session.flush()
    audit.record(
        "user.create",
        actor,
        party_id=getattr(party, "id", None),
        user_id=user.id,
        email=email,
        role=role.value,
        **({"convention": convention} if role.is_national else {}),
    )
    return user


def _only_convention() -> str | None:
    served = list_conventions()
    return served[0].code if len(served) == 1 else None


def may_act_on(actor: User, user: User) -> bool:
    """Only administrators act on administrators' accounts (status, password links)."""
    return user.role != Role.admin or actor.role == Role.admin


def set_active(actor: User, user: User, active: bool) -> None:
    if user.id == actor.id and not active:
        raise UserError(_("You cannot deactivate your own account."))
    if not may_act_on(actor, user):
        raise UserError(_("Only administrators change administrators' accounts."))
    if user.active == active:
        return
    user.active = active
    if not active:
        user.end_sessions()
    db.session.flush()
    audit.record(
        "user.reactivate" if active else "user.deactivate",
        actor,
        party_id=user.party_id,
        user_id=user.id,
        email=user.email,
    )


def list_users(
    *,
    party_id: int | None = None,
    role: str | None = None,
    active: bool | None = None,
    search: str | None = None,
) -> Sequence[User]:
    query = select(User).options(joinedload(User.party)).order_by(User.email)
    if party_id:
        query = query.where(User.party_id == party_id)
    if role in Role._value2member_map_:
        query = query.where(User.role == Role(role))
    if active is not None:
        query = query.where(User.active.is_(active))
    if search and search.strip():
        pattern = f"%{search.strip().lower()}%"
        query = query.where(
            or_(func.lower(User.email).like(pattern), func.lower(User.name).like(pattern))
        )
    return db.session.scalars(query).all()


def issue_reset(actor: User, user: User):
    """Mail a one-time password link to `user` (`reporting.auth.issue_reset_link`) through
    the outbox; returns the outbox message.

    The link is the account owner's alone: it is never shown to the actor. Without a mail
    server the message waits in the outbox, where an operator reads it on the command line
    (`flask ort mail show ID`)."""
    from flask import render_template
    from flask_babel import force_locale

    from ..auth import issue_reset_link
    from ..mail import send_mail

    if not may_act_on(actor, user):
        raise UserError(_("Only administrators change administrators' accounts."))
    if not user.active:
        raise UserError(_("Reactivate the account before issuing a password link."))
    link = issue_reset_link(user)
    with force_locale(user.language or "en"):
        subject = _("Set your password for the online reporting tool")
        body = render_template("secretariat/mail/reset_link.txt", user=user, link=link)
    message = send_mail(
        [user.email], subject, body, purpose="password_reset", user=actor, secret=True
    )
    audit.record(
        "user.reset_link",
        actor,
        party_id=user.party_id,
        user_id=user.id,
        email=user.email,
        outcome=message.status.value,
    )
    return message
