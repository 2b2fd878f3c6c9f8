"""The authorization policy: who may do what, in one place.

National users (focal points, contributors) reach only their own Party's reports, and
only in the conventions they hold a role in, with that role; the secretariat reads and
reviews all; admins manage users. The secretariat manages the reporting cycles of its
conventions (`staff_conventions`). Views and the API ask `can(...)`, and list queries go
through `scope_reports(...)`.
"""

from __future__ import annotations

from sqlalchemy import Select, select

from .models import Report, ReportingCycle, ReportStatus, Role, User

#: action -> roles allowed (for national roles, only on their own Party's reports)
_RULES: dict[str, set[Role]] = {
    "report.view": {Role.focal_point, Role.contributor, Role.secretariat, Role.admin},
    "report.edit": {Role.focal_point, Role.contributor},
    "report.start": {Role.focal_point, Role.contributor},
    "report.submit": {Role.focal_point},
    "report.review": {Role.secretariat, Role.admin},  # return for revision, accept
    "party.manage_contributors": {Role.focal_point},
    #: Assign a report's pages or questions to the Party's contributors.
    "report.assign": {Role.focal_point},
    #: See who was assigned what and how far they are; see one's own ("my questions")
    #: and mark it ready for the focal point. Organisation, not a lock: editing stays
    #: "report.edit" for every page.
    "report.share_work": {Role.focal_point, Role.contributor},
    #: Hand the focal-point role over to a colleague of the same Party.
    "party.hand_over": {Role.focal_point},
    "users.manage": {Role.secretariat, Role.admin},
    "data.export": {Role.secretariat, Role.admin},
    "query.ask": {Role.secretariat, Role.admin},  # ask, follow up and resolve queries
    "query.reply": {Role.focal_point, Role.contributor},
    #: Import the secretariat's workbook of a reporting format as a new version.
    "formats.manage": {Role.admin},
    "cycles.manage": {Role.secretariat, Role.admin},  # add cycles, change period and format
    #: Read the Prometheus metrics at /metrics (the scraper uses ORT_METRICS_TOKEN instead).
    "metrics.view": {Role.admin},
}
#: Staff actions limited to the conventions the staff member works for.
_STAFF_SCOPED = {"cycles.manage"}


def staff_conventions(user: User) -> list[str]:
    """The conventions a secretariat member works for: those they were given a role in
    (`user.grant`), or every convention served when none was given (a secretariat serving
    all its conventions); an admin works for all."""
    from .conventions import list_conventions

    served = [c.code for c in list_conventions()]
    if user.role == Role.secretariat and user.conventions:
        return [code for code in served if code in user.convention_codes]
    return served


def _same_party(user: User, party_id: int | None) -> bool:
    return user.party_id is not None and user.party_id == party_id


def _roles(user: User, target, convention: str | None) -> set[Role]:
    """The roles the user acts with: staff their global role; a national user their role
    in the report's (or the given) convention, or in any of theirs when none is given."""
    if not user.role.is_national:
        return {user.role}
    if isinstance(target, Report):
        convention = target.cycle.convention
    if convention is None:
        return {m.role for m in user.conventions}
    role = user.role_in(convention)
    return {role} if role else set()


def can(user: User | None, action: str, target=None, *, convention: str | None = None) -> bool:
    """May `user` do `action` on `target` (a Report, a Party id, or nothing)? For a Party
    id, `convention` names the convention acted in (e.g. the cycle of a report to start)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.active:
        return False
    if not _roles(user, target, convention) & _RULES[action]:
        return False
    if (
        action in _STAFF_SCOPED
        and convention is not None
        and not user.role.is_national
        and convention not in staff_conventions(user)
    ):
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


def may_receive_focal_point(actor: User, colleague: User | None, convention: str) -> bool:
    """May `actor`, focal point of `convention`, hand the role over to `colleague`? Only to
    another active national user of the same Party: never to another Party's user, a
    deactivated account or staff; the Party is never left without a focal point, since
    the colleague becomes focal point in the same step as the actor stops being one."""
    if colleague is None or colleague.id == actor.id:
        return False
    if not can(actor, "party.hand_over", actor.party_id, convention=convention):
        return False
    return (
        colleague.active and colleague.role.is_national and _same_party(colleague, actor.party_id)
    )


def may_be_assigned(user: User | None, report: Report) -> bool:
    """May `user` be given part of `report`: an active contributor of the report's Party
    in its convention (never another Party's user, nor staff)."""
    return (
        user is not None
        and user.active
        and user.role.is_national
        and _same_party(user, report.party_id)
        and user.role_in(report.cycle.convention) == Role.contributor
    )


def scope_reports(query: Select, user: User) -> Select:
    """Restrict a query over reports to what the user may see: a national user's Party's
    reports in the conventions they hold a role in."""
    if user.role.is_national:
        cycles = select(ReportingCycle.id).where(
            ReportingCycle.convention.in_(user.convention_codes)
        )
        return query.where(Report.party_id == (user.party_id or -1), Report.cycle_id.in_(cycles))
    return query
