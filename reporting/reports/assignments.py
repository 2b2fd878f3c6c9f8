"""Work shared across ministries: the focal point assigns a report's pages (articles) or
single questions to contributors of the Party; each contributor marks their part ready.

Assignment is organisation, not a lock: who may edit which page is unchanged (the policy's
"report.edit": every focal point and contributor of the Party edits every page). A page,
or a question, has one assignee at most, and a question belongs to one assignment at most:
a question of an assigned page is covered by the page's, so it cannot be assigned alone,
and a page whose questions are assigned one by one cannot be assigned as a whole.

Pages are the web layer's (`reporting.web.pages.Page`): the callers pass them in, so that
this floor never imports the one above it. Everything here flushes; the request commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from .. import audit
from ..extensions import db
from ..models import Assignment, Report, User, UserConvention
from ..models.types import utcnow
from ..policy import can, may_be_assigned

PAGE, QUESTION = "page", "question"


class AssignmentError(Exception):
    """A change refused; the message is translated for the user."""


@dataclass(frozen=True)
class Item:
    """What is assigned: a page (by key) or a question (by key), as a form names it
    ("page:art3", "question:art3.exports")."""

    kind: str
    key: str

    @property
    def value(self) -> str:
        return f"{self.kind}:{self.key}"

    @classmethod
    def of(cls, assignment: Assignment) -> Item:
        if assignment.page_key is not None:
            return cls(PAGE, assignment.page_key)
        return cls(QUESTION, assignment.question_key or "")


def parse_item(value: str | None, pages: Sequence[Any]) -> Item | None:
    """The item a form's value names, if it is one of the report's pages or questions."""
    kind, _sep, key = (value or "").partition(":")
    if kind == PAGE and any(p.key == key for p in pages):
        return Item(PAGE, key)
    if kind == QUESTION and any(q.key == key for p in pages for q in p.questions):
        return Item(QUESTION, key)
    return None


def item_details(item: Item, pages: Sequence[Any]) -> dict:
    """What a notification says of the item: the article's title (a format text, translated
    when shown) or the question's number."""
    for page in pages:
        if item.kind == PAGE and page.key == item.key:
            return {"page_key": page.key, "article": page.title}
        for question in page.questions:
            if item.kind == QUESTION and question.key == item.key:
                return {"question_key": question.key, "question": question.shown_number}
    return {}


def assignments_of(report: Report) -> Sequence[Assignment]:
    """The report's assignments, in the order they were made."""
    return db.session.scalars(
        select(Assignment).where(Assignment.report_id == report.id).order_by(Assignment.id)
    ).all()


def assignment_of(report: Report, assignment_id: int) -> Assignment | None:
    """One of the report's assignments (None for another report's, or none)."""
    assignment = db.session.get(Assignment, assignment_id)
    return assignment if assignment is not None and assignment.report_id == report.id else None


def assignable_people(report: Report) -> Sequence[User]:
    """The Party's active contributors in the report's convention, by name."""
    people = db.session.scalars(
        select(User)
        .join(UserConvention)
        .where(
            User.party_id == report.party_id,
            UserConvention.convention == report.cycle.convention,
            User.active.is_(True),
        )
        .order_by(User.name, User.email)
    ).all()
    return [u for u in people if may_be_assigned(u, report)]


def assign(actor: User, report: Report, pages: Sequence[Any], item: Item, user_id: int | None):
    """Give `item` to the contributor `user_id` (replacing its assignee, if any); returns
    the assignment. The assignee is told, in their language."""
    from ..notifications import work_assigned

    _check_may_assign(actor, report)
    user = db.session.get(User, user_id) if user_id else None
    if user is None or not may_be_assigned(user, report):
        # Said the same way for any refused account: nothing leaks about other Parties.
        raise AssignmentError(_("Choose a contributor of your team."))
    current = {Item.of(a): a for a in assignments_of(report)}
    _check_no_overlap(item, pages, current)
    assignment = current.get(item)
    previous = assignment.user_id if assignment is not None else None
    if assignment is not None and previous == user.id:
        return assignment
    if assignment is None:
        assignment = Assignment(report_id=report.id, user_id=user.id)
        if item.kind == PAGE:
            assignment.page_key = item.key
        else:
            assignment.question_key = item.key
        db.session.add(assignment)
    assignment.user = user
    assignment.assigned_by = actor
    assignment.assigned_at = utcnow()
    assignment.ready_at = None
    db.session.flush()
    audit.record(
        "assignment.assign",
        actor,
        report,
        item=item.value,
        user_id=user.id,
        **({"previous_user_id": previous} if previous else {}),
    )
    work_assigned(assignment, actor, item_details(item, pages))
    return assignment


def unassign(actor: User, report: Report, assignment: Assignment) -> None:
    """Take an item back: nobody is assigned it any more (its answers stay)."""
    _check_may_assign(actor, report)
    audit.record(
        "assignment.unassign",
        actor,
        report,
        item=Item.of(assignment).value,
        user_id=assignment.user_id,
    )
    db.session.delete(assignment)
    db.session.flush()


def set_ready(actor: User, assignment: Assignment, ready: bool, pages: Sequence[Any]) -> None:
    """The assignee says their part is ready for the focal point (or takes it back); the
    focal points are told when it becomes ready."""
    from ..notifications import work_ready

    report = assignment.report
    if assignment.user_id != actor.id or not can(actor, "report.share_work", report):
        raise AssignmentError(_("Only the person it is assigned to can say it is ready."))
    if not report.is_editable:
        raise AssignmentError(_("This report can no longer be changed."))
    if ready == (assignment.ready_at is not None):
        return
    assignment.ready_at = utcnow() if ready else None
    db.session.flush()
    audit.record(
        "assignment.ready" if ready else "assignment.not_ready",
        actor,
        report,
        item=Item.of(assignment).value,
    )
    if ready:
        work_ready(assignment, actor, item_details(Item.of(assignment), pages))


def _check_may_assign(actor: User, report: Report) -> None:
    if not can(actor, "report.assign", report):
        raise AssignmentError(_("Only the focal point assigns the work on a report."))
    if not report.is_editable:
        raise AssignmentError(_("This report can no longer be changed."))


def _check_no_overlap(item: Item, pages: Sequence[Any], current: dict[Item, Assignment]) -> None:
    """A question belongs to one assignment at most (see the module's docstring)."""
    if item.kind == PAGE:
        page = next(p for p in pages if p.key == item.key)
        if any(Item(QUESTION, q.key) in current for q in page.questions):
            raise AssignmentError(
                _(
                    "Some questions of this article are assigned one by one: take them back "
                    "first, or assign them to the same person one by one."
                )
            )
        return
    page = next(p for p in pages if any(q.key == item.key for q in p.questions))
    holder = current.get(Item(PAGE, page.key))
    if holder is not None:
        raise AssignmentError(
            _(
                "This question is part of an article assigned to %(name)s: take the article "
                "back first.",
                name=holder.user.name or holder.user.email,
            )
        )
