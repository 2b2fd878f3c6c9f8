"""Review of reports by the secretariat: queries on answers, reminders and the mail outbox.

A query is a thread about one answer of a report (optionally one table cell): the
secretariat asks, the Party replies (or revises the answer), the secretariat resolves.
Reminders record which Parties were reminded of a cycle, when and by whom; every mail
the tool writes is kept in the outbox, sent through SMTP when a server is configured and
otherwise queued there for people to see.
"""

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from .cycle import ReportingCycle
from .party import Party
from .report import Report
from .types import JSONType, UTCDateTime, utcnow
from .user import User


class QueryStatus(str, enum.Enum):
    open = "open"  #: waiting for the Party
    answered = "answered"  #: the Party replied; waiting for the secretariat
    resolved = "resolved"  #: closed by the secretariat


class AnswerQuery(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    #: Stable question key of the answer the query is about.
    question_key: Mapped[str] = mapped_column(String(120))
    #: A table cell, when the query is about one: row index and/or column key.
    row_index: Mapped[int | None]
    column_key: Mapped[str | None] = mapped_column(String(60))
    #: The submitted version the secretariat was reading when asking.
    version_no: Mapped[int | None]
    status: Mapped[QueryStatus] = mapped_column(
        Enum(QueryStatus, native_enum=False, length=16, create_constraint=True),
        default=QueryStatus.open,
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    report: Mapped[Report] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    messages: Mapped[list["QueryMessage"]] = relationship(
        back_populates="query", cascade="all, delete-orphan", order_by="QueryMessage.id"
    )


class QueryMessage(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    query_id: Mapped[int] = mapped_column(
        ForeignKey("answer_query.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    query: Mapped[AnswerQuery] = relationship(back_populates="messages")
    author: Mapped[User | None] = relationship()


class OutboxStatus(str, enum.Enum):
    queued = "queued"  #: no mail server configured: shown in the interface and logged
    sent = "sent"
    failed = "failed"  #: the mail server refused it; `error` says why


class OutboxMessage(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    #: What the mail is for, e.g. "reminder", "password_reset".
    purpose: Mapped[str] = mapped_column(String(40))
    #: List of e-mail addresses.
    recipients: Mapped[list] = mapped_column(JSONType)
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    #: The body holds a secret (a password or invitation link): never shown on a page,
    #: only to an operator on the command line (`ort mail show`).
    secret: Mapped[bool] = mapped_column(default=False, server_default=false())
    status: Mapped[OutboxStatus] = mapped_column(
        Enum(OutboxStatus, native_enum=False, length=16, create_constraint=True),
        default=OutboxStatus.queued,
    )
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(String(500))

    created_by: Mapped[User | None] = relationship()


class Reminder(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id"), index=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("reporting_cycle.id"), index=True)
    #: E-mail addresses of the focal points reminded (empty: the Party has none).
    recipients: Mapped[list] = mapped_column(JSONType)
    #: The Party's reporting status when reminded ("not_started", "draft", "returned").
    party_status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    #: Outcome, copied from the outbox when reminded: "sent", "queued", "sending" (queued
    #: for the mail server's worker), "failed" or "no_recipient".
    outcome: Mapped[str] = mapped_column(String(16))

    party: Mapped[Party] = relationship()
    cycle: Mapped[ReportingCycle] = relationship()
    created_by: Mapped[User | None] = relationship()
