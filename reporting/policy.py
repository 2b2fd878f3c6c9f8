"""The authorization policy: who may do what, in one place.

National users (focal points, contributors) reach only their own Party's reports;
the secretariat reads and reviews all; admins manage users. Views and the API ask
`can(...)`, and list queries go through `scope_reports(...)`.
"""
from __future__ import annotations

from sqlalchemy import Select

from .models import Report, ReportStatus, Role, User

#: action -> roles allowed (for national roles, only on their own Party's reports)
_RULES: dict[str, set[Role]] = {
    "report.view": {Role.focal_point, Role.contributor, Role.secretariat, Role.admin},
    "report.edit": {Role.focal_point, Role.contributor},
    "report.start": {Role.focal_point, Role.contributor},
    "report.submit": {Role.focal_point},
    "report.review": {Role.secretariat, Role.admin},  # return for revision, accept
    "party.manage_contributors": {Role.focal_point},
    "users.manage": {Role.secretariat, Role.admin},
    "data.export": {Role.secretariat, Role.admin},
    "query.ask": {Role.secretariat, Role.admin},  # ask, follow up and resolve queries
    "query.reply": {Role.focal_point, Role.contributor},
}


def _same_party(user: User, party_id: int | None) -> bool:
    return user.party_id is not None and user.party_id == party_id


def can(user: User | None, action: str, target=None) -> bool:
    """May `user` do `action` on `target` (a Report, a Party id, or nothing)?"""
    if user is None or not getattr(user, "is_authenticated", False) or not user.active:
        return False
    if user.role not in _RULES[action]:
        return False
    if user.role.is_national:
        party_id = target.party_id if isinstance(target, Report) else target
        if not _same_party(user, party_id):
            return False
    if isinstance(target, Report):
        if action == "report.edit" and not target.is_editable:
            return False
        if action == "report.submit" and not target.is_editable:
            return False
        if action == "report.review" and target.status != ReportStatus.submitted:
            return False
    return True


def scope_reports(query: Select, user: User) -> Select:
    """Restrict a query over reports to what the user may see."""
    if user.role.is_national:
        return query.where(Report.party_id == (user.party_id or -1))
    return query
