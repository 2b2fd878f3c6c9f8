"""A report's submitted versions (the immutable submissions), for every reader."""
from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from ..models import Report, Submission


def submissions_of(report: Report, newest_first: bool = False) -> list[Submission]:
    order = Submission.version_no.desc() if newest_first else Submission.version_no
    return db.session.scalars(
        select(Submission).where(Submission.report_id == report.id).order_by(order)
    ).all()


def submission_of(report: Report, version_no: int) -> Submission | None:
    return db.session.scalars(
        select(Submission).where(Submission.report_id == report.id,
                                 Submission.version_no == version_no)
    ).first()
