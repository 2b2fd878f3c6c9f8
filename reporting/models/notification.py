"""What a person is told about their reports: submitted, queried, answered, returned,
accepted, published. Shown on their home page, and mailed through the queue."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from .report import Report
from .types import JSONType, UTCDateTime, utcnow
from .user import User


class Notification(Model):
    __table_args__ = (Index("ix_notification_user_id_read_at", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    #: What happened, e.g. "report.submitted", "query.asked", "query.answered",
    #: "report.returned", "report.accepted", "report.published".
    kind: Mapped[str] = mapped_column(String(40))
    report_id: Mapped[int | None] = mapped_column(
        ForeignKey("report.id", ondelete="CASCADE"), index=True
    )
    query_id: Mapped[int | None] = mapped_column(ForeignKey("answer_query.id", ondelete="CASCADE"))
    #: Anything the message needs beyond the report and query (e.g. the version number).
    details: Mapped[dict | None] = mapped_column(JSONType)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()
    report: Mapped[Report | None] = relationship()
