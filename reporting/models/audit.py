"""The audit trail: who did what, when, and from where."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from .types import JSONType, UTCDateTime, utcnow


class AuditEvent(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    #: Dotted verb, e.g. "report.submit", "user.login".
    action: Mapped[str] = mapped_column(String(60))
    report_id: Mapped[int | None] = mapped_column(ForeignKey("report.id"), index=True)
    party_id: Mapped[int | None] = mapped_column(ForeignKey("party.id"))
    ip_address: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str | None] = mapped_column(String(300))
    details: Mapped[dict | None] = mapped_column(JSONType)
