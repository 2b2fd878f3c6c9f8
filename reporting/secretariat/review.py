"""Reading a report as the secretariat reviews it: any submitted version (or the working
copy), its answers by section with question numbers, and the report's audit trail.

Submitted versions are read from their immutable snapshot (what the Party signed off),
never from the live answers, which may have changed since.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marshmallow import ValidationError
from sqlalchemy import select

from ..extensions import db
from ..models import Attachment, AuditEvent, Report, Submission, User
from ..questionnaire.conditions import visibility
from ..questionnaire.definition import Format, Question
from ..questionnaire.report_schema import answer_schema
from ..questionnaire.translate import qt
from ..reports.answers import answer_data, load_answers
from ..reports.diff import diff_submissions
from ..reports.workflow import report_format
from ..reports.versions import submission_of


@dataclass(frozen=True)
class AnswerView:
    """One question of a report as shown to a reviewer."""

    question: Question
    number: str
    text: str
    state: str | None  #: None: unanswered
    display: str
    unit: str | None = None
    #: For tables: column labels and rows of displayed cells.
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    confidential: bool = False
    comment: str | None = None
    #: Not asked: a condition on earlier answers did not hold.
    hidden: bool = False


@dataclass(frozen=True)
class SectionView:
    key: str
    title: str
    article: str | None
    answers: tuple[AnswerView, ...]


def version_answers(report: Report, fmt: Format, version: Submission | None) -> dict[str, dict]:
    """Typed answers of a submitted version (from its snapshot) or of the working copy."""
    if version is None:
        return answer_data(load_answers(report, fmt, raw=False))
    typed = {}
    for key, stored in version.content.get("answers", {}).items():
        if not fmt.has_question(key):
            continue
        try:
            typed[key] = answer_schema(fmt.question(key))().load(stored)
        except ValidationError:  # a snapshot always loads; keep the stored form if not
            typed[key] = stored
    return typed


def display_value(spec, value: Any) -> str:
    """A value as text, with the format's choice labels translated."""
    if value is None:
        return ""
    kind = spec.kind
    if kind.coded:  # the format's labels, translated (each option of a multiple choice)
        return kind.localized(spec, value)
    return kind.display(spec, value)


def answer_view(q: Question, answer: dict | None, hidden: bool = False) -> AnswerView:
    base = dict(question=q, number=q.number, text=qt(q.text), unit=qt(q.unit))
    if hidden:
        return AnswerView(state=None, display="", hidden=True, **base)
    if not answer:
        return AnswerView(state=None, display="", **base)
    state, value = answer.get("state", "value"), answer.get("value")
    extra = dict(confidential=bool(answer.get("confidential")), comment=answer.get("comment"))
    if q.kind.tabular and state == "value":
        rows = tuple(
            tuple(display_value(c, row.get(c.key)) for c in q.columns) for row in value or []
        )
        return AnswerView(state=state, display=q.kind.display(q, value),
                          columns=tuple(_column_label(c) for c in q.columns), rows=rows, **base, **extra)
    return AnswerView(state=state, display=display_value(q, value) if state == "value" else "",
                      **base, **extra)


def _column_label(column) -> str:
    return f"{qt(column.label)} ({qt(column.unit)})" if column.unit else qt(column.label)


def report_sections(fmt: Format, kind: str, answers: dict[str, dict]) -> list[SectionView]:
    """The report's sections in format order, each question with its answer (or none, or
    marked as not asked when its condition does not hold)."""
    visible = visibility(fmt, answers, kind)
    return [
        SectionView(
            key=section.key, title=qt(section.title), article=section.article,
            answers=tuple(answer_view(q, answers.get(q.key), hidden=not visible[q.key])
                          for q in section.questions if q.key in visible),
        )
        for section in fmt.sections(kind)
    ]


def read_version(report: Report, version_no: int | None) -> tuple[Submission | None, list[SectionView]]:
    """The sections of a version (`None`: the latest submitted, else the working copy)."""
    fmt = report_format(report)
    if version_no is None and report.submitted_versions:
        version_no = report.submitted_versions
    version = submission_of(report, version_no) if version_no else None
    if version_no and version is None:
        raise LookupError(version_no)
    answers = version_answers(report, fmt, version)
    return version, report_sections(fmt, report.cycle.kind, answers)


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
    fmt = report_format(report)
    before = version_answers(report, fmt, older)
    after = version_answers(report, fmt, newer)
    views = []
    for change in diff_submissions(fmt, older, newer):
        if not fmt.has_question(change.question_key):
            continue
        q = fmt.question(change.question_key)
        views.append(ChangeView(
            change=change.change, section=qt(fmt.section(q.section_key).title),
            before=answer_view(q, before.get(q.key)), after=answer_view(q, after.get(q.key)),
        ))
    return views


#: Kept for investigations, not shown on the review page: one per changed answer, with
#: draft values the secretariat does not see otherwise.
UNLISTED_ACTIONS = ("answer.change",)


def audit_trail(report: Report) -> list[tuple[AuditEvent, str | None]]:
    """The report's audit events, newest first, each with the e-mail of who acted."""
    return db.session.execute(
        select(AuditEvent, User.email).outerjoin(User, User.id == AuditEvent.user_id)
        .where(AuditEvent.report_id == report.id, AuditEvent.action.not_in(UNLISTED_ACTIONS))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    ).all()


def report_attachments(report: Report) -> dict[str, Attachment]:
    """The report's files by token (the answers name them by token)."""
    return {a.token: a for a in db.session.scalars(
        select(Attachment).where(Attachment.report_id == report.id))}
