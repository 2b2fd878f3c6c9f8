"""Reading a report as the secretariat reviews it: any submitted version (or the working
copy), its answers by section with question numbers, and the report's audit trail.

Submitted versions are read from their immutable snapshot (what the Party signed off),
never from the live answers, which may have changed since.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from ..extensions import db
from ..models import Attachment, AuditEvent, Report, Submission, User
from ..questionnaire.conditions import visibility
from ..questionnaire.definition import Question
from ..questionnaire.translate import qt
from ..reports import reading
from ..reports.changes_since import ChangeFlag, change_flags
from ..reports.diff import diff_submissions
from ..reports.present import Presented, present
from ..reports.reading import ReadVersion
from ..reports.versions import submission_of


@dataclass(frozen=True)
class AnswerView:
    """One question of a report as shown to a reviewer, its answer as presented."""

    question: Question
    number: str
    text: str
    shown: Presented
    #: Not asked: a condition on earlier answers did not hold.
    hidden: bool = False

    @property
    def answered(self) -> bool:
        return not self.shown.empty or self.shown.tabular


@dataclass(frozen=True)
class SectionView:
    key: str
    title: str
    article: str | None
    answers: tuple[AnswerView, ...]


def answer_view(
    q: Question, answer: dict | None, attachments: dict | None = None, hidden: bool = False
) -> AnswerView:
    return AnswerView(
        question=q,
        number=q.shown_number,
        text=qt(q.text),
        hidden=hidden,
        shown=Presented() if hidden else present(q, answer, attachments),
    )


def report_sections(version: ReadVersion, attachments: dict | None = None) -> list[SectionView]:
    """The version's sections in format order, each question with its answer (or none, or
    marked as not asked when its condition does not hold)."""
    fmt, answers = version.fmt, version.answers
    visible = visibility(fmt, answers, version.kind)
    return [
        SectionView(
            key=section.key,
            title=qt(section.title),
            article=section.article,
            answers=tuple(
                answer_view(q, answers.get(q.key), attachments, hidden=not visible[q.key])
                for q in section.questions
                if q.key in visible
            ),
        )
        for section in fmt.sections(version.kind)
    ]


def read_version(
    report: Report, version_no: int | None
) -> tuple[Submission | None, list[SectionView]]:
    """The sections of a version (`None`: the latest submitted, else the working copy)."""
    if version_no is None and report.submitted_versions:
        version_no = report.submitted_versions
    read = reading.read_version(report, version_no or None)
    if read is None:
        raise LookupError(version_no)
    return read.submission, report_sections(read, report_attachments(report))


@dataclass(frozen=True)
class FlagView:
    """A change flag (`reports.changes_since`) with its question as the reviewer sees it."""

    flag: ChangeFlag
    number: str
    text: str


def version_flags(report: Report, version_no: int | None) -> list[FlagView]:
    """The answers of a version (None: the latest submitted, else the working copy) that
    changed much since the Party's previous report: the flags its focal point saw."""
    if version_no is None and report.submitted_versions:
        version_no = report.submitted_versions
    read = reading.read_version(report, version_no or None)
    if read is None:
        return []
    fmt = read.fmt
    return [
        FlagView(flag, fmt.question(flag.key).shown_number, qt(fmt.question(flag.key).text))
        for flag in change_flags(report, fmt, read.kind, read.answers)
    ]


@dataclass(frozen=True)
class ChangeView:
    change: str  #: "added", "removed" or "changed"
    section: str
    before: AnswerView
    after: AnswerView


def compare_versions(report: Report, older_no: int, newer_no: int) -> list[ChangeView] | None:
    """Question-by-question differences between two submitted versions (None: no such version)."""
    older, newer = submission_of(report, older_no), submission_of(report, newer_no)
    if older is None or newer is None:
        return None
    before = reading.submitted(older, report.cycle.kind)
    after = reading.submitted(newer, report.cycle.kind)
    fmt, attachments = after.fmt, report_attachments(report)
    views = []
    for change in diff_submissions(fmt, older, newer):
        if not fmt.has_question(change.question_key):
            continue
        q = fmt.question(change.question_key)
        views.append(
            ChangeView(
                change=change.change,
                section=qt(fmt.section(q.section_key).title),
                before=answer_view(q, before.answers.get(q.key), attachments),
                after=answer_view(q, after.answers.get(q.key), attachments),
            )
        )
    return views


#: Kept for investigations, not shown on the review page: one per changed answer, with
#: draft values the secretariat does not see otherwise.
UNLISTED_ACTIONS = ("answer.change",)


def audit_trail(report: Report) -> Sequence[tuple[AuditEvent, str | None]]:
    """The report's audit events, newest first, each with the e-mail of who acted."""
    return (
        db.session.execute(
            select(AuditEvent, User.email)
            .outerjoin(User, User.id == AuditEvent.user_id)
            .where(AuditEvent.report_id == report.id, AuditEvent.action.not_in(UNLISTED_ACTIONS))
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        )
        .tuples()
        .all()
    )


def report_attachments(report: Report) -> dict[str, Attachment]:
    """The report's files by token (the answers name them by token)."""
    return {
        a.token: a
        for a in db.session.scalars(select(Attachment).where(Attachment.report_id == report.id))
    }
