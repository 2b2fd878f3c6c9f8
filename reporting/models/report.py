"""A Party's report for one reporting cycle: the living draft behind its submissions."""

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from .cycle import ReportingCycle
from .party import Party
from .types import JSONType, UTCDateTime, utcnow


class ReportStatus(str, enum.Enum):
    # "not started" is the absence of a Report row for a Party and cycle.
    draft = "draft"
    submitted = "submitted"
    returned = "returned"  #: returned for revision by the secretariat
    accepted = "accepted"


class Report(Model):
    __table_args__ = (UniqueConstraint("party_id", "cycle_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id"), index=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("reporting_cycle.id"), index=True)
    status: Mapped[ReportStatus] = mapped_column(
        Enum(ReportStatus, native_enum=False, length=16, create_constraint=True),
        default=ReportStatus.draft,
    )
    #: Language the report is written and submitted in.
    language: Mapped[str] = mapped_column(String(8), default="en")
    #: Number of submitted versions so far (0 while never submitted).
    submitted_versions: Mapped[int] = mapped_column(default=0)
    #: The report this one was pre-filled from, if any.
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("report.id"))
    #: The previous report's answers that could not be carried over (another format
    #: version: a question split or dropped...): `reports.carry_over.NotCarried` dicts.
    not_carried: Mapped[list | None] = mapped_column(JSONType)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: When an accepted report becomes public (acceptance time, or the embargo's end).
    publish_after: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    #: Optimistic-locking counter: a save based on a stale version is refused.
    lock_version: Mapped[int] = mapped_column(default=1)

    party: Mapped[Party] = relationship()
    cycle: Mapped[ReportingCycle] = relationship()

    __mapper_args__ = {"version_id_col": lock_version}

    @property
    def is_published(self) -> bool:
        return (
            self.status == ReportStatus.accepted
            and self.publish_after is not None
            and self.publish_after <= utcnow()
        )

    @classmethod
    def published_clause(cls, now: datetime | None = None):
        """SQL condition for published reports (for exports and the API)."""
        return (cls.status == ReportStatus.accepted) & (cls.publish_after <= (now or utcnow()))

    @property
    def is_editable(self) -> bool:
        return self.status in (ReportStatus.draft, ReportStatus.returned)

    def __repr__(self) -> str:
        return f"<Report {self.id} party={self.party_id} cycle={self.cycle_id} {self.status.value}>"
