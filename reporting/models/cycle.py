"""Reporting cycles: when Parties report, on which format version, short or full."""
import enum
from datetime import date

from sqlalchemy import Enum, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class ReportKind(str, enum.Enum):
    short = "short"  #: biennial: the asterisked questions
    full = "full"  #: quadrennial: every question


class ReportingCycle(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stable public code, e.g. "2025-full".
    code: Mapped[str] = mapped_column(String(32), unique=True)
    year: Mapped[int]
    kind: Mapped[ReportKind] = mapped_column(
        Enum(ReportKind, native_enum=False, length=8, create_constraint=True)
    )
    period_start: Mapped[date]
    period_end: Mapped[date]
    due_date: Mapped[date]
    format_id: Mapped[str] = mapped_column(String(40))
    format_version: Mapped[str] = mapped_column(String(20))

    def __repr__(self) -> str:
        return f"<ReportingCycle {self.code}>"
