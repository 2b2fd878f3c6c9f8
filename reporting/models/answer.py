"""Answers of a report: one row per report x question, table cells addressable by row and column.

Typed value columns (text, number, date, JSON) make answers queryable by exports and
aggregates in SQL; `raw_value` keeps what a user typed when it could not be parsed, so a
draft never loses input.
"""

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Enum, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from .types import JSONType, UTCDateTime, utcnow


class AnswerState(str, enum.Enum):
    """An answer is more than a value: "none / zero" and "not available" are answers too."""

    value = "value"
    not_applicable = "not_applicable"
    none = "none"  #: none / zero, reported as such
    not_available = "not_available"  #: information not available


class TypedValue:
    """Columns holding one typed value; the answer kind decides which one is used."""

    value_text: Mapped[str | None] = mapped_column(Text)
    value_number: Mapped[Decimal | None] = mapped_column(Numeric(28, 10))
    value_date: Mapped[date | None]
    value_json: Mapped[object | None] = mapped_column(JSONType)
    #: Input kept as typed when it failed to parse (draft only; blocks submission).
    raw_value: Mapped[str | None] = mapped_column(Text)


class Answer(TypedValue, Model):
    __table_args__ = (UniqueConstraint("report_id", "question_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    #: Stable question key from the format definition, followed across versions and cycles.
    question_key: Mapped[str] = mapped_column(String(120), index=True)
    state: Mapped[AnswerState] = mapped_column(
        Enum(AnswerState, native_enum=False, length=16, create_constraint=True),
        default=AnswerState.value,
    )
    #: Kept out of published data and partner APIs.
    confidential: Mapped[bool] = mapped_column(default=False)
    comment: Mapped[str | None] = mapped_column(Text)
    #: Copied from the previous cycle's report and not yet confirmed or edited.
    carried_over: Mapped[bool] = mapped_column(default=False)
    #: Hidden by a condition of the format (kept for the draft, never exported).
    hidden: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    cells: Mapped[list["AnswerCell"]] = relationship(
        back_populates="answer", cascade="all, delete-orphan", order_by="AnswerCell.row_index"
    )


class AnswerCell(TypedValue, Model):
    __table_args__ = (UniqueConstraint("answer_id", "row_index", "column_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"), index=True)
    row_index: Mapped[int]
    column_key: Mapped[str] = mapped_column(String(60))

    answer: Mapped[Answer] = relationship(back_populates="cells")
