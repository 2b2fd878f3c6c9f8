"""How far each person is with the work assigned to them: answered of shown per page or
question (the same counts as the report's progress, `progress.page_progress`), and
whether they marked it ready for the focal point."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..models import Assignment, Report, User
from ..policy import can
from ..questionnaire.checks import is_answered, is_required
from ..questionnaire.conditions import visibility
from ..questionnaire.definition import Format, Question
from ..reports.answers import answer_data
from ..reports.assignments import PAGE, QUESTION, Item, assignments_of
from .pages import Page
from .progress import page_progress


@dataclass(frozen=True)
class WorkProgress:
    """One assignment with its progress."""

    assignment: Assignment
    item: Item
    #: The page assigned, or the page holding the question assigned.
    page: Page
    question: Question | None
    shown: int
    answered: int
    missing: int

    @property
    def ready(self) -> bool:
        return self.assignment.ready_at is not None

    @property
    def percent(self) -> int:
        return 100 if not self.shown else round(100 * self.answered / self.shown)


@dataclass
class PersonProgress:
    """Everything assigned to one person, in the report's page order."""

    user: User
    work: list[WorkProgress] = field(default_factory=list)

    @property
    def shown(self) -> int:
        return sum(w.shown for w in self.work)

    @property
    def answered(self) -> int:
        return sum(w.answered for w in self.work)

    @property
    def ready(self) -> int:
        return sum(1 for w in self.work if w.ready)


def work_progress(
    fmt: Format,
    kind: str | None,
    answers: dict[str, dict],
    pages: Sequence[Page],
    assignments: Sequence[Assignment],
) -> list[WorkProgress]:
    """Each assignment's progress, in page (and question) order; an assignment of a page
    or question the report no longer has (another format version) is left out."""
    per_page = {p.page.key: p for p in page_progress(fmt, kind, answers)}
    data = answer_data(answers)
    visible = visibility(fmt, data, kind)
    order: dict[Item, int] = {}
    places: dict[Item, tuple[Page, Question | None]] = {}
    for page in pages:
        order[Item(PAGE, page.key)] = len(order)
        places[Item(PAGE, page.key)] = (page, None)
        for q in page.questions:
            order[Item(QUESTION, q.key)] = len(order)
            places[Item(QUESTION, q.key)] = (page, q)
    out = []
    for assignment in assignments:
        item = Item.of(assignment)
        if item not in places:
            continue
        page, question = places[item]
        counts: tuple[int, int, int]
        if question is None:
            p = per_page[page.key]
            counts = (p.shown, p.answered, p.missing)
        elif not visible.get(question.key, True):
            counts = (0, 0, 0)
        else:
            answered = is_answered(question, data.get(question.key))
            missing = not answered and is_required(question, data, visible)
            counts = (1, int(answered), int(missing))
        out.append(WorkProgress(assignment, item, page, question, *counts))
    return sorted(out, key=lambda w: order[w.item])


def by_person(work: Sequence[WorkProgress]) -> list[PersonProgress]:
    """The work grouped per person, people by name."""
    people: dict[int, PersonProgress] = {}
    for w in work:
        people.setdefault(w.assignment.user_id, PersonProgress(w.assignment.user)).work.append(w)
    return sorted(people.values(), key=lambda p: ((p.user.name or p.user.email).lower(), p.user.id))


def team_of(
    user: User,
    report: Report,
    fmt: Format,
    kind: str | None,
    pages: Sequence[Page],
    answers: dict[str, dict],
) -> list[PersonProgress]:
    """The report's work per person, for the Party's own people only (the secretariat
    reviews the report, not the team's organisation)."""
    if not can(user, "report.share_work", report):
        return []
    return by_person(work_progress(fmt, kind, answers, pages, assignments_of(report)))
