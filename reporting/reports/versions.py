"""A report's submitted versions (the immutable submissions), for every reader.

A version's answers are read only through `submission_of`, which checks the content
against the SHA-256 stored at submission (one hash of the canonical JSON per read): a
snapshot changed behind the application's back (a direct database edit) raises
`SnapshotAltered` and is never served as if it were what the Party submitted. Lists
(`submissions_of`) give the versions' facts without vouching for their content.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlalchemy import select

from ..extensions import db
from ..models import Report, Submission
from .snapshot import content_hash

log = logging.getLogger(__name__)


class SnapshotAltered(Exception):
    """A submitted version whose content no longer matches its stored hash."""

    def __init__(self, submission: Submission):
        self.report_id = submission.report_id
        self.version_no = submission.version_no
        super().__init__(
            f"report {self.report_id} version {self.version_no}: the content "
            "does not match its stored SHA-256"
        )


def is_intact(submission: Submission) -> bool:
    """Whether the version's content still hashes to the hash stored when it was submitted."""
    return content_hash(submission.content or {}) == submission.content_hash


def verified(submission: Submission | None) -> Submission | None:
    """The submission if its content is intact; raises `SnapshotAltered` (logged) if not."""
    if submission is not None and not is_intact(submission):
        log.error(
            "integrity: the snapshot of report %s version %s does not match its stored "
            "SHA-256 %s; it is not served",
            submission.report_id,
            submission.version_no,
            submission.content_hash,
        )
        raise SnapshotAltered(submission)
    return submission


def submissions_of(report: Report, newest_first: bool = False) -> Sequence[Submission]:
    """The report's versions, for lists (number, date, hash); read answers via `submission_of`."""
    order = Submission.version_no.desc() if newest_first else Submission.version_no
    return db.session.scalars(
        select(Submission).where(Submission.report_id == report.id).order_by(order)
    ).all()


def submission_of(report: Report, version_no: int) -> Submission | None:
    """One submitted version, its content verified (`SnapshotAltered` if it was altered)."""
    return verified(
        db.session.scalars(
            select(Submission).where(
                Submission.report_id == report.id, Submission.version_no == version_no
            )
        ).first()
    )


def altered_versions(report: Report) -> list[int]:
    """Numbers of the report's versions whose content does not match its hash (logged)."""
    altered = []
    for submission in submissions_of(report):
        try:
            verified(submission)
        except SnapshotAltered:
            altered.append(submission.version_no)
    return altered
