"""A Party's previous answers, beside the questions of its new report.

For each question, the answer the Party gave in its previous report of the same kind
(short, full: the latest submitted version of its latest earlier report of that kind in
the same convention) and, where that report has no answer to it, in its previous report
of another kind. An answer from an older format version follows its question's lineage
(`carry_over.carry_answers`: renamed, recoded, merged), so that it is given in the terms
of the new question and can be copied into it as it is; period-bound questions, which
carry-over leaves empty, take their previous answer here too.

The previous versions are read in one query per page (at most one submission per report
kind), only ever of the report's own Party, and only through an intact snapshot.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..extensions import db
from ..models import Report, ReportingCycle, Submission
from ..questionnaire import get_format
from ..questionnaire.definition import Format, Question
from ..questionnaire.report_kinds import kind_name
from .carry_over import carry_answers
from .present import Presented, is_unanswered, present
from .reading import typed_answer
from .versions import SnapshotAltered, verified

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Previous:
    """A question's answer in an earlier report, in the terms of the current question."""

    key: str
    cycle: ReportingCycle
    #: The answer as `reading` types it (a value of the current question's kind).
    answer: dict
    shown: Presented
    #: From a report of the same kind (False: the fallback of another kind).
    same_kind: bool

    @property
    def cycle_label(self) -> str:
        return cycle_label(self.cycle)


def cycle_label(cycle: ReportingCycle) -> str:
    """A cycle as people name it ("Full report 2021"), as pages name cycles."""
    fmt = get_format(cycle.format_id, cycle.format_version)
    return _("%(kind)s %(year)d", kind=kind_name(fmt, cycle.kind), year=cycle.year)


def previous_submissions(report: Report) -> list[tuple[Submission, ReportingCycle]]:
    """The latest submitted version of the Party's latest earlier report of each kind in
    the report's convention, the report's own kind first, then the most recent. One query."""
    cycle = report.cycle
    ranked = (
        select(
            Submission.id.label("submission_id"),
            func.row_number()
            .over(
                partition_by=ReportingCycle.kind,
                order_by=(ReportingCycle.year.desc(), Submission.version_no.desc()),
            )
            .label("rank"),
        )
        .join(Report, Submission.report_id == Report.id)
        .join(ReportingCycle, Report.cycle_id == ReportingCycle.id)
        .where(
            Report.party_id == report.party_id,
            ReportingCycle.convention == cycle.convention,
            ReportingCycle.year < cycle.year,
        )
        .subquery()
    )
    rows = db.session.execute(
        select(Submission, ReportingCycle)
        .join(ranked, ranked.c.submission_id == Submission.id)
        .join(Report, Submission.report_id == Report.id)
        .join(ReportingCycle, Report.cycle_id == ReportingCycle.id)
        .where(ranked.c.rank == 1)
    ).all()
    found = sorted(
        ((s, c) for s, c in rows),
        key=lambda row: (row[1].kind != cycle.kind, -row[1].year),
    )
    return [(s, c) for s, c in found if _intact(s)]


def _intact(submission: Submission) -> bool:
    try:
        verified(submission)
    except SnapshotAltered:
        return False  # logged by `verified`; never shown as what the Party answered
    return True


def _submitted_format(submission: Submission) -> Format | None:
    recorded = (submission.content or {}).get("format") or {}
    try:
        return get_format(
            recorded.get("id") or submission.format_id,
            recorded.get("version") or submission.format_version,
        )
    except LookupError:
        return None


def previous_answers(
    report: Report, fmt: Format, questions: Iterable[Question]
) -> dict[str, Previous]:
    """Key -> the previous answer of each of `questions` that has one (see the module).
    File answers are left out (a file belongs to its own report), and so are pre-filled
    questions (their value comes from the Party's record or the cycle, not from the last
    report: the old reporting period is no answer for the new one)."""
    wanted = {q.key: q for q in questions if not (q.kind.attachment or q.prefill)}
    out: dict[str, Previous] = {}
    if not wanted:
        return out
    for submission, cycle in previous_submissions(report):
        missing = set(wanted) - set(out)
        if not missing:
            break
        old = _submitted_format(submission)
        if old is None or old.id != fmt.id:
            continue
        stored = (submission.content or {}).get("answers", {})
        carried, _missed = carry_answers(old, stored, fmt, missing, period_bound=True)
        for key, given in carried.items():
            q = wanted[key]
            answer = typed_answer(q, given)
            if is_unanswered(q, answer):
                continue
            out[key] = Previous(
                key, cycle, answer, present(q, answer), same_kind=cycle.kind == report.cycle.kind
            )
    return out
