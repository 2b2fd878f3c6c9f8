"""A reporting format version imported by the secretariat from its workbook.

The application runs on several hosts and cannot write into its code folder, so a
version imported on the web is stored here, beside the versions shipped as files; the
registry serves both. A stored version is never changed: a new wording is a new version.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from .types import JSONType, UTCDateTime, utcnow
from .user import User


class FormatVersion(Model):
    __table_args__ = (UniqueConstraint("format_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    format_id: Mapped[str] = mapped_column(String(50))
    version: Mapped[str] = mapped_column(String(30))
    #: The format file (YAML), as `ort format import` would write it.
    source: Mapped[str] = mapped_column(Text)
    #: Its texts' translations {lang: {English text: translation}}, consulted before the
    #: questionnaire catalogs.
    translations: Mapped[dict] = mapped_column(JSONType)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    created_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<FormatVersion {self.format_id} {self.version}>"
