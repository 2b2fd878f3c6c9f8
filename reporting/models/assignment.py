"""Work shared across ministries: the focal point assigns a report's articles (pages) or
single questions to contributors of the same Party.

An assignment is organisation, not a lock: everyone who may edit the report still may
edit every page (see `reporting.reports.assignments`). One page, and one question, has
at most one assignee; a question inside an assigned page is covered by the page's.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from .report import Report
from .types import UTCDateTime, utcnow
from .user import User


class Assignment(Model):
    __table_args__ = (
        UniqueConstraint("report_id", "page_key"),
        UniqueConstraint("report_id", "question_key"),
        CheckConstraint("(page_key IS NULL) <> (question_key IS NULL)", name="page_or_question"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    #: The page (article) assigned, as `reporting.web.pages.Page.key`; or None.
    page_key: Mapped[str | None] = mapped_column(String(60))
    #: The single question assigned (its stable key); or None.
    question_key: Mapped[str | None] = mapped_column(String(120))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: When the assignee said their part is ready for the focal point (None: not yet).
    ready_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    report: Mapped[Report] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    assigned_by: Mapped[User | None] = relationship(foreign_keys=[assigned_by_id])

    def __repr__(self) -> str:
        item = self.page_key or self.question_key
        return f"<Assignment {self.report_id} {item} -> {self.user_id}>"
