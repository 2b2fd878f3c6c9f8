"""Queries on individual answers: the secretariat asks, the Party replies, the secretariat
resolves. Each function checks the transition, writes the audit trail and flushes; the
caller checks permissions (`policy.can(user, "query.ask" | "query.reply", report)`) and
commits.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .. import audit, notifications
from ..extensions import db
from ..models import Answer, AnswerQuery, QueryMessage, QueryStatus, Report, User
from ..models.types import utcnow
from ..reports.workflow import report_format

MAX_TEXT = 5000


class QueryError(Exception):
    """A query action that is not possible now; the message is translated for the user."""


def _text(text: str | None) -> str:
    text = (text or "").strip()
    if not text:
        raise QueryError(_("Write a message."))
    if len(text) > MAX_TEXT:
        raise QueryError(_("A message can have at most %(n)d characters.", n=MAX_TEXT))
    return text


def ask(
    report: Report,
    user: User,
    question_key: str,
    text: str,
    row_index: int | None = None,
    column_key: str | None = None,
) -> AnswerQuery:
    """Open a query on one answer (or one table cell) of a submitted report."""
    if report.submitted_versions == 0:
        raise QueryError(_("Queries can be raised once the report has been submitted."))
    fmt = report_format(report)
    if not fmt.has_question(question_key):
        raise QueryError(_("This question is not part of the report."))
    question = fmt.question(question_key)
    if column_key and question.column(column_key) is None:
        raise QueryError(_("This column is not part of the question."))
    if row_index is not None and (not question.kind.tabular or row_index < 0):
        raise QueryError(_("Only a table has rows."))
    query = AnswerQuery(
        report_id=report.id,
        question_key=question_key,
        row_index=row_index,
        column_key=column_key or None,
        version_no=report.submitted_versions,
        status=QueryStatus.open,
        created_by_id=user.id,
    )
    query.messages.append(QueryMessage(author_id=user.id, text=_text(text)))
    db.session.add(query)
    db.session.flush()
    audit.record("query.ask", user, report, query_id=query.id, question_key=question_key)
    notifications.query_asked(query, query.messages[0], user)
    return query


def reply(query: AnswerQuery, user: User, text: str) -> QueryMessage:
    """The Party's answer; the query waits for the secretariat again."""
    if query.status == QueryStatus.resolved:
        raise QueryError(_("This query is resolved."))
    message = _add(query, user, text, QueryStatus.answered)
    audit.record("query.reply", user, query.report, query_id=query.id)
    notifications.query_answered(query, message, user)
    return message


def follow_up(query: AnswerQuery, user: User, text: str) -> QueryMessage:
    """A further question from the secretariat; reopens a resolved query."""
    message = _add(query, user, text, QueryStatus.open)
    query.resolved_at = None
    query.resolved_by_id = None
    audit.record("query.follow_up", user, query.report, query_id=query.id)
    notifications.query_asked(query, message, user)
    return message


def resolve(query: AnswerQuery, user: User, text: str | None = None) -> None:
    """Close the query, with an optional last word."""
    if query.status == QueryStatus.resolved:
        raise QueryError(_("This query is resolved."))
    if text and text.strip():
        _add(query, user, text, QueryStatus.resolved)
    query.status = QueryStatus.resolved
    query.resolved_at = utcnow()
    query.resolved_by_id = user.id
    db.session.flush()
    audit.record("query.resolve", user, query.report, query_id=query.id)


def _add(query: AnswerQuery, user: User, text: str, status: QueryStatus) -> QueryMessage:
    message = QueryMessage(author_id=user.id, text=_text(text))
    query.messages.append(message)
    query.status = status
    db.session.flush()
    return message


def report_queries(report: Report) -> Sequence[AnswerQuery]:
    """The report's query threads, oldest first, with their messages and authors."""
    return db.session.scalars(
        select(AnswerQuery)
        .where(AnswerQuery.report_id == report.id)
        .options(
            selectinload(AnswerQuery.messages).selectinload(QueryMessage.author),
            selectinload(AnswerQuery.created_by),
        )
        .order_by(AnswerQuery.id)
    ).all()


def revised_since_asked(report: Report, queries: Sequence[AnswerQuery]) -> set[int]:
    """Ids of queries whose answer was changed after the query was asked (the Party revised)."""
    keys = {q.question_key for q in queries}
    if not keys:
        return set()
    updated = dict(
        db.session.execute(
            select(Answer.question_key, Answer.updated_at).where(
                Answer.report_id == report.id, Answer.question_key.in_(keys)
            )
        )
        .tuples()
        .all()
    )
    return {
        q.id
        for q in queries
        if updated.get(q.question_key) and updated[q.question_key] > q.created_at
    }
