"""A Party's previous answers, beside the questions of its new report.

For each question, the answer the Party gave in its previous report of the same kind
(short, full: the latest submitted version of its latest earlier report of that kind in
the same convention) and, where that report has no answer to it, in its previous report
of another kind. An answer from an older format version follows its question's lineage
(`carry_over.carry_answers`: renamed, recoded, merged), so that it is given in the terms
of the new question and can be copied into it as it is; period-bound questions, which
carry-over leaves empty, take their previous answer here too.

The previous versions are found in one query per page (their facts, not their content:
at most one submission per report kind), only ever of the report's own Party. A version's
answers for a page's questions are read from its snapshot once, checked against its
stored SHA-256, and kept per process under the version's id *and hash*: a submission is
immutable, so what was verified once is what the Party submitted (a snapshot altered
later is never read; one whose hash was rewritten too is read again, and checked).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from flask_babel import get_locale
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
    #: The earlier report's cycle: its code and its name in the current language.
    cycle_code: str
    cycle_label: str
    #: The answer as `reading` types it (a value of the current question's kind).
    answer: dict
    shown: Presented
    #: From a report of the same kind (False: the fallback of another kind).
    same_kind: bool


@dataclass(frozen=True)
class Earlier:
    """An earlier submitted version, by its facts (its content is read apart)."""

    submission_id: int
    content_hash: str
    format_id: str
    format_version: str
    cycle_code: str
    cycle_kind: str
    cycle_year: int
    cycle_format: tuple[str, str]


def _label(earlier: Earlier) -> str:
    fmt = get_format(*earlier.cycle_format)
    return _("%(kind)s %(year)d", kind=kind_name(fmt, earlier.cycle_kind), year=earlier.cycle_year)


def previous_submissions(report: Report) -> list[Earlier]:
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
        select(
            Submission.id,
            Submission.content_hash,
            Submission.format_id,
            Submission.format_version,
            ReportingCycle.code,
            ReportingCycle.kind,
            ReportingCycle.year,
            ReportingCycle.format_id,
            ReportingCycle.format_version,
        )
        .join(ranked, ranked.c.submission_id == Submission.id)
        .join(Report, Submission.report_id == Report.id)
        .join(ReportingCycle, Report.cycle_id == ReportingCycle.id)
        .where(ranked.c.rank == 1)
    ).all()
    found = [
        Earlier(
            submission_id=row[0],
            content_hash=row[1],
            format_id=row[2],
            format_version=row[3],
            cycle_code=row[4],
            cycle_kind=row[5],
            cycle_year=row[6],
            cycle_format=(row[7], row[8]),
        )
        for row in rows
    ]
    return sorted(found, key=lambda e: (e.cycle_kind != cycle.kind, -e.cycle_year))


@lru_cache(maxsize=512)
def _answers_of(
    earlier: Earlier, fmt: Format, keys: frozenset[str], locale: str
) -> MappingProxyType | None:
    """Key -> (typed answer, presented) of the version's answers to `keys` of `fmt`, along
    their lineage; None for a version whose snapshot was altered or whose format is gone.
    Kept per process (see the module); `locale` is the language it was presented in."""
    submission = db.session.get(Submission, earlier.submission_id)
    try:
        verified(submission)
        old = get_format(earlier.format_id, earlier.format_version)
    except SnapshotAltered:
        return None  # logged by `verified`; never shown as what the Party answered
    except LookupError:
        return None
    if submission is None or submission.content_hash != earlier.content_hash or old.id != fmt.id:
        return None
    stored = (submission.content or {}).get("answers", {})
    carried, _missed = carry_answers(old, stored, fmt, set(keys), period_bound=True)
    out = {}
    for key, given in carried.items():
        q = fmt.question(key)
        answer = typed_answer(q, given)
        if not is_unanswered(q, answer):
            out[key] = (answer, present(q, answer))
    return MappingProxyType(out)


def previous_answers(
    report: Report, fmt: Format, questions: Iterable[Question]
) -> dict[str, Previous]:
    """Key -> the previous answer of each of `questions` that has one (see the module).
    File answers are left out (a file belongs to its own report), and so are pre-filled
    questions (their value comes from the Party's record or the cycle, not from the last
    report: the old reporting period is no answer for the new one)."""
    wanted = frozenset(q.key for q in questions if not (q.kind.attachment or q.prefill))
    out: dict[str, Previous] = {}
    if not wanted:
        return out
    locale = str(get_locale() or "en")
    for earlier in previous_submissions(report):
        if wanted <= set(out):
            break
        answers = _answers_of(earlier, fmt, wanted, locale)
        label = _label(earlier)
        for key, (answer, shown) in (answers or {}).items():
            if key not in out:
                out[key] = Previous(
                    key,
                    earlier.cycle_code,
                    label,
                    answer,
                    shown,
                    same_kind=earlier.cycle_kind == report.cycle.kind,
                )
    return out
