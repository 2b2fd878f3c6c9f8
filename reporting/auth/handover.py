"""Handing over: a national focal point passes the role to a colleague of the same Party.

No secretariat action is needed: the secretariat is told (a mail to each of its people, in
their language) and the audit trail keeps the step. The colleague becomes focal point in
every convention the actor is focal point of, and the actor becomes a contributor there:
they stay on the team to help the newcomer through the handover, and the new focal point
removes them from the team page when that is done (a secretariat expects a named focal
point at every moment, and no national account cut off unannounced). Who may receive the
role is the policy's (`may_receive_focal_point`).
"""

from __future__ import annotations

from collections.abc import Sequence

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from .. import audit
from ..conventions import get_convention
from ..extensions import db
from ..models import Role, User
from ..notifications.recipients import secretariat
from ..policy import can, may_receive_focal_point
from ..questionnaire.translate import qt
from ..urls import absolute_url


class HandOverError(Exception):
    """A handover refused: `field` is the form's field the message belongs to."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def focal_point_conventions(actor: User) -> list[str]:
    return [m.convention for m in actor.conventions if m.role == Role.focal_point]


def candidates(actor: User) -> Sequence[User]:
    """The colleagues who may take over: the Party's other active national users."""
    people = db.session.scalars(
        select(User)
        .where(User.party_id == actor.party_id, User.id != actor.id, User.active.is_(True))
        .order_by(User.name, User.email)
    ).all()
    conventions = focal_point_conventions(actor)
    return [u for u in people if all(may_receive_focal_point(actor, u, c) for c in conventions)]


def hand_over(actor: User, colleague_id: int | None, password: str) -> User:
    """Make the colleague focal point in the actor's conventions and the actor a
    contributor there; flushes, records and tells the secretariat. Returns the colleague."""
    conventions = focal_point_conventions(actor)
    if not conventions or not can(actor, "party.hand_over", actor.party_id):
        raise HandOverError("colleague", _("Only the national focal point can hand the role over."))
    colleague = db.session.get(User, colleague_id) if colleague_id else None
    if not all(may_receive_focal_point(actor, colleague, c) for c in conventions):
        # The same words for any refused account: nothing leaks about other Parties.
        raise HandOverError("colleague", _("Choose an active colleague of your team."))
    assert colleague is not None
    if not actor.check_password(password or ""):
        raise HandOverError("password", _("The password is not correct."))
    for convention in conventions:
        colleague.grant(convention, Role.focal_point)
        actor.grant(convention, Role.contributor)
    colleague.role = Role.focal_point
    if not focal_point_conventions(actor):
        actor.role = Role.contributor
    db.session.flush()
    audit.record(
        "focal_point.handover",
        actor,
        party_id=actor.party_id,
        user_id=colleague.id,
        email=colleague.email,
        previous_user_id=actor.id,
        conventions=conventions,
    )
    _tell(actor, colleague, conventions)
    return colleague


def _tell(actor: User, colleague: User, conventions: list[str]) -> None:
    """A mail to each secretariat member and one to the new focal point."""
    from ..mail import send_mail

    link = absolute_url("contributors.index")
    for person in [*secretariat(), colleague]:
        with force_locale(person.language or "en"):
            party = actor.party.display_name if actor.party else ""
            names = {
                "party": party,
                "old": actor.name or actor.email,
                "new": colleague.name or colleague.email,
                "convention": " · ".join(qt(get_convention(c).title) for c in conventions),
            }
            if person is colleague:
                subject = _("You are now the national focal point of %(party)s", party=party)
            else:
                subject = _("%(party)s has a new national focal point", party=party)
            body = render_template(
                "auth/mail/handover.txt",
                user=person,
                actor=actor,
                colleague=colleague,
                to_colleague=person is colleague,
                link=link,
                **names,
            )
        send_mail([person.email], subject, body, purpose="handover", user=actor)
