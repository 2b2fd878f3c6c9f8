"""Immutable snapshots of submitted report versions.

A submission is the official record: once flushed it can never be updated or deleted
(enforced below for the ORM; the migration adds database triggers for everything else).
"""

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from .report import Report
from .types import JSONType, UTCDateTime, utcnow


class ImmutableRecordError(RuntimeError):
    """Raised on any attempt to change an official submission."""


class Submission(Model):
    __table_args__ = (UniqueConstraint("report_id", "version_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id"), index=True)
    version_no: Mapped[int]
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    format_id: Mapped[str] = mapped_column(String(40))
    format_version: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(8))
    #: The report's answers as canonical JSON data (see reporting.reports.snapshot).
    content: Mapped[dict] = mapped_column(JSONType)
    #: SHA-256 of the canonical JSON of `content`.
    content_hash: Mapped[str] = mapped_column(String(64))

    report: Mapped[Report] = relationship()


@event.listens_for(Submission, "before_update")
def _refuse_update(mapper, connection, target):
    raise ImmutableRecordError("submissions are immutable")


@event.listens_for(Submission, "before_delete")
def _refuse_delete(mapper, connection, target):
    raise ImmutableRecordError("submissions are immutable")
