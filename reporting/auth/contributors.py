"""A Party's team: the focal point invites colleagues as contributors and removes them.

Contributors edit their Party's reports; only the focal point submits (see policy). An
invitation makes the person a contributor in the conventions the inviting person is focal
point of; it creates the account without a password and mails a one-time link to set one.
Removing a contributor deactivates the account (its past work stays attributed to it).
"""

from __future__ import annotations

from collections.abc import Sequence

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from .. import audit
from ..conventions import get_convention
from ..extensions import db
from ..models import OutboxMessage, Role, User
from ..policy import can
from ..questionnaire.translate import qt
from .tokens import issue_reset_link


class ContributorError(Exception):
    """An invitation or removal that is refused; the message is translated for the user."""


def party_team(party_id: int) -> Sequence[User]:
    """The Party's focal points and contributors, active ones first."""
    return db.session.scalars(
        select(User)
        .where(User.party_id == party_id, User.role.in_([Role.focal_point, Role.contributor]))
        .order_by(User.active.desc(), (User.role == Role.focal_point).desc(), User.email)
    ).all()


def invite_contributor(
    actor: User, *, email: str, name: str = "", language: str | None = None
) -> tuple[User, OutboxMessage]:
    """Create (or reactivate) a contributor of the actor's Party and mail a password link.

    Returns the user and the outbox message. The link goes to the contributor only (never
    to the focal point's page): without a mail server it waits in the outbox for an
    operator (`flask ort mail show`).
    """
    from ..mail import send_mail

    if not can(actor, "party.manage_contributors", actor.party_id):
        raise ContributorError(_("Only the focal point manages the contributors."))
    conventions = [m.convention for m in actor.conventions if m.role == Role.focal_point]
    email = email.strip().lower()
    user = db.session.scalars(select(User).where(func.lower(User.email) == email)).first()
    if user is None:
        user = User(
            email=email,
            name=(name or "").strip(),
            role=Role.contributor,
            party_id=actor.party_id,
            language=language or actor.language,
            active=True,
        )
        db.session.add(user)
        action = "contributor.invite"
    elif user.party_id == actor.party_id and user.role == Role.contributor and not user.active:
        user.active = True
        user.name = (name or "").strip() or user.name
        action = "contributor.reinvite"
    elif (
        user.party_id == actor.party_id
        and user.active
        and user.role.is_national
        and any(user.role_in(c) is None for c in conventions)
    ):
        action = "contributor.invite"
    elif user.party_id == actor.party_id and user.active:
        raise ContributorError(_("%(email)s is already a member of your team.", email=email))
    else:
        # Said the same way whatever the account is, so nothing leaks about other Parties.
        raise ContributorError(_("This address cannot be invited. Ask the secretariat for help."))
    for convention in conventions:
        if user.role_in(convention) is None:
            user.grant(convention, Role.contributor)
    db.session.flush()
    link = issue_reset_link(user)
    with force_locale(user.language or "en"):
        subject = _("You are invited to contribute to your country's national report")
        body = render_template(
            "auth/mail/invitation.txt",
            user=user,
            actor=actor,
            link=link,
            convention=" · ".join(qt(get_convention(c).title) for c in conventions),
        )
    message = send_mail([user.email], subject, body, purpose="invitation", user=actor, secret=True)
    audit.record(
        action,
        actor,
        party_id=actor.party_id,
        user_id=user.id,
        email=user.email,
        conventions=conventions,
        outcome=message.status.value,
    )
    return user, message


def remove_contributor(actor: User, user: User) -> None:
    """Deactivate a contributor of the actor's Party (focal points are the secretariat's)."""
    if (
        not can(actor, "party.manage_contributors", actor.party_id)
        or user.party_id != actor.party_id
    ):
        raise ContributorError(_("Only the focal point manages the contributors."))
    if user.role != Role.contributor:
        raise ContributorError(_("Only contributors can be removed here."))
    if user.active:
        user.active = False
        user.end_sessions()
        audit.record(
            "contributor.remove", actor, party_id=actor.party_id, user_id=user.id, email=user.email
        )
    db.session.flush()
