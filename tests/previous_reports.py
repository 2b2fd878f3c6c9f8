"""A Party with a history: its 2021 full and 2023 short reports submitted, its 2025 full
report started (reports.history, changes_since, and the pages that show them)."""

from __future__ import annotations

from sqlalchemy import select

from reporting.extensions import db as _db
from reporting.models import ReportingCycle
from reporting.questionnaire import get_format
from reporting.questionnaire.samples import sample_answers
from reporting.reports import workflow
from reporting.reports.answers import save_answers


def cycle(code):
    return _db.session.scalars(select(ReportingCycle).where(ReportingCycle.code == code)).one()


def submitted(party, code, user, answers=None, seed=1):
    """The Party's report of cycle `code`, filled with sample answers (and `answers` on
    top), submitted."""
    of = cycle(code)
    fmt = get_format(of.format_id, of.format_version)
    report = workflow.start_report(party, of, user, carry_over=False)
    prefilled = {q.key for q in fmt.iter_questions() if q.prefill}
    payload = {**sample_answers(fmt, of.kind, seed=seed, skip=prefilled), **(answers or {})}
    save_answers(report, fmt, payload, user, of.kind)
    workflow.submit(report, user)
    return report


def history_report(party_a, focal_point):
    """Party A submitted its 2021 full report (format 2017.1) and its 2023 short report
    (2023.1), and started its 2025 full report."""
    submitted(
        party_a,
        "2021-full",
        focal_point,
        {
            "art3.chlor_alkali": {"value": "yes"},
            "art3.chlor_alkali.quantity": {"value": "12.5"},
            "art10.interim_storage": {"value": "yes"},
            "art10.interim_storage.quantity": {"value": "3"},
            "art3.exports": {"value": "no"},
        },
    )
    submitted(
        party_a,
        "2023-short",
        focal_point,
        {"art3.exports": {"value": "yes"}, "art3.exports.total_quantity": {"value": "40"}},
    )
    report = workflow.start_report(party_a, cycle("2025-full"), focal_point)
    _db.session.commit()
    return report
