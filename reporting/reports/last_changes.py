"""Who last changed an answer, and when: read from the audit trail ("answer.change").

A page showing a colleague's answer beside the user's (a conflict on save) says whose
answer it is and since when.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ..extensions import db
from ..models import AuditEvent, Report, User

#: Answer changes read back at most (the newest first): a conflict is about recent saves.
RECENT = 500


@dataclass(frozen=True)
class LastChange:
    name: str  #: the user's display name ("" if the account has none)
    at: datetime


def last_changes(report: Report, keys: Iterable[str]) -> dict[str, LastChange]:
    """Key -> the latest change of that answer, for the keys changed recently."""
    wanted = set(keys)
    if not wanted:
        return {}
    rows = db.session.execute(
        select(AuditEvent.details, AuditEvent.at, User.name)
        .outerjoin(User, User.id == AuditEvent.user_id)
        .where(AuditEvent.report_id == report.id, AuditEvent.action == "answer.change")
        .order_by(AuditEvent.id.desc())
        .limit(RECENT)
    )
    found: dict[str, LastChange] = {}
    for details, at, name in rows:
        key = (details or {}).get("question")
        if key in wanted and key not in found:
            found[key] = LastChange(name or "", at)
            if len(found) == len(wanted):
                break
    return found
