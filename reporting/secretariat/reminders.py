"""Reminders to the focal points of Parties that have not submitted for a cycle.

Each focal point gets the reminder in their own language, through the outbox (sent or
queued); each Party reminded gets a `Reminder` record, so the page shows what was sent
when, and by whom. Parties without an active focal point are recorded too: the
secretariat then knows to find another way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from .. import audit
from ..extensions import db
from ..mail import mail_configured, send_mail
from ..models import OutboxStatus, Reminder, ReportingCycle, Role, User, UserConvention
from .dashboard import PartyRow, party_rows

#: Statuses of Parties still expected to submit (a returned report must be resubmitted).
PENDING = ("not_started", "draft", "returned")


@dataclass(frozen=True)
class Candidate:
    row: PartyRow
    focal_points: tuple[User, ...]


def focal_points_by_party(party_ids, convention: str) -> dict[int, list[User]]:
    """The active focal points in `convention` of each Party."""
    users = db.session.scalars(
        select(User)
        .join(UserConvention)
        .where(
            User.party_id.in_(list(party_ids)),
            UserConvention.convention == convention,
            UserConvention.role == Role.focal_point,
            User.active.is_(True),
        )
        .order_by(User.email)
    ).all()
    grouped: dict[int, list[User]] = {}
    for user in users:
        assert user.party_id is not None  # selected by their Party
        grouped.setdefault(user.party_id, []).append(user)
    return grouped


def candidates(cycle: ReportingCycle) -> list[Candidate]:
    """Parties that have not submitted (or must resubmit), with their active focal points."""
    rows = party_rows(cycle, statuses=PENDING)
    people = focal_points_by_party((r.party_id for r in rows), cycle.convention)
    return [Candidate(r, tuple(people.get(r.party_id, ()))) for r in rows]


def _message(
    cycle: ReportingCycle, row: PartyRow, user: User, note: str | None, link: str
) -> tuple[str, str]:
    with force_locale(user.language or "en"):
        subject = _("Reminder: national report for the %(cycle)s reporting cycle", cycle=cycle.code)
        body = render_template(
            "secretariat/mail/reminder.txt", cycle=cycle, row=row, user=user, note=note, link=link
        )
    return subject, body


def send_reminders(
    cycle: ReportingCycle, party_ids, actor: User, note: str | None = None, link: str = ""
) -> list[Reminder]:
    """Remind the chosen Parties (only those still pending); one Reminder per Party."""
    chosen = set(party_ids)
    reminders = []
    for candidate in candidates(cycle):
        row = candidate.row
        if row.party_id not in chosen:
            continue
        outcomes = set()
        for user in candidate.focal_points:
            subject, body = _message(cycle, row, user, note, link)
            outcomes.add(
                send_mail([user.email], subject, body, purpose="reminder", user=actor).status
            )
        reminder = Reminder(
            party_id=row.party_id,
            cycle_id=cycle.id,
            party_status=row.status,
            recipients=[u.email for u in candidate.focal_points],
            created_by_id=actor.id,
            outcome=_outcome(outcomes),
        )
        db.session.add(reminder)
        audit.record(
            "reminder.send",
            actor,
            party_id=row.party_id,
            cycle=cycle.code,
            recipients=reminder.recipients,
            outcome=reminder.outcome,
        )
        reminders.append(reminder)
    db.session.flush()
    return reminders


def _outcome(statuses: set[OutboxStatus]) -> str:
    if not statuses:
        return "no_recipient"
    if OutboxStatus.failed in statuses:
        return OutboxStatus.failed.value
    if OutboxStatus.queued in statuses:
        # With a mail server, a worker is sending it (the outbox shows how it went).
        return "sending" if mail_configured() else OutboxStatus.queued.value
    return OutboxStatus.sent.value


def history(cycle: ReportingCycle) -> Sequence[Reminder]:
    """Reminders of the cycle, newest first."""
    return db.session.scalars(
        select(Reminder)
        .where(Reminder.cycle_id == cycle.id)
        .options(joinedload(Reminder.party), joinedload(Reminder.created_by))
        .order_by(Reminder.created_at.desc(), Reminder.id.desc())
    ).all()
