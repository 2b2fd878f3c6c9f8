"""Reporting cycles: when Parties report, on which format version, which report kind."""

from datetime import date

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model


class ReportingCycle(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stable public code, e.g. "2025-full".
    code: Mapped[str] = mapped_column(String(32), unique=True)
    year: Mapped[int]
    #: The convention whose Parties report in this cycle.
    convention: Mapped[str] = mapped_column(ForeignKey("convention.code"), index=True)
    #: A report kind code its format declares (e.g. "short", "full"); checked when the
    #: cycle is seeded (reporting.seed), since the kinds are data of the format file.
    kind: Mapped[str] = mapped_column(String(16))
    period_start: Mapped[date]
    period_end: Mapped[date]
    due_date: Mapped[date]
    format_id: Mapped[str] = mapped_column(String(40))
    format_version: Mapped[str] = mapped_column(String(20))

    def __repr__(self) -> str:
        return f"<ReportingCycle {self.code}>"
