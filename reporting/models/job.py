"""Long work done by a task-queue worker for a person: an export, a bundle of PDFs, a
report's download. The row is what the person sees: its progress, its file, its error."""

import enum
from datetime import datetime

from sqlalchemy import BigInteger, Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from .types import JSONType, UTCDateTime, utcnow
from .user import User


class JobStatus(str, enum.Enum):
    queued = "queued"
    running = "running"
    done = "done"
    failed = "failed"


class Job(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    #: What is made, e.g. "export", "report_bundle", "cycle_pdfs".
    kind: Mapped[str] = mapped_column(String(40))
    #: The choices it was started with (shape, format, filters, language...), to show
    #: and to run again.
    parameters: Mapped[dict] = mapped_column(JSONType)
    status: Mapped[JobStatus] = mapped_column(
        Enum(JobStatus, native_enum=False, length=16, create_constraint=True),
        default=JobStatus.queued,
        index=True,
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Progress: units (rows, reports) done out of the total, when the total is known.
    progress_done: Mapped[int] = mapped_column(default=0, server_default="0")
    progress_total: Mapped[int | None]
    #: The result file, relative to the job store; its name as downloaded; its size.
    file_path: Mapped[str | None] = mapped_column(String(300))
    file_name: Mapped[str | None] = mapped_column(String(200))
    file_size: Mapped[int | None] = mapped_column(BigInteger)
    #: After this the file is removed (the row stays, as history).
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: What went wrong, in words for the person who started the job.
    error: Mapped[str | None] = mapped_column(String(1000))
    #: The task-queue id of the latest run.
    task_id: Mapped[str | None] = mapped_column(String(64))

    created_by: Mapped[User | None] = relationship()
