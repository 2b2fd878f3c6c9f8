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
            "art14.technology_transfer": {"value": "yes"},
            "art5.facilities": {"value": "yes"},
            "art5.facilities.list": {
                "value": [
                    {"process": "chlor_alkali", "facilities": "2", "mercury_used": "1.5"},
                    {"process": "acetaldehyde", "facilities": "1", "mercury_used": "0.5"},
                ]
            },
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


#: Answers of the 2025 full report that changed much since 2021 (and one that did not).
CHANGED = {
    "art3.chlor_alkali": {"value": "yes"},
    "art3.chlor_alkali.quantity": {"value": "200"},  # 12.5 t in 2021: x16
    "art10.interim_storage": {"value": "yes"},
    "art10.interim_storage.quantity": {"value": "0.2"},  # 3 t in 2021: /15
    "art14.technology_transfer": {"value": "no"},  # yes in 2021
    "art3.exports": {"value": "yes"},
    "art3.exports.total_quantity": {"value": "41"},  # 40 t in 2023: not flagged
    "art5.facilities": {"value": "yes"},
    "art5.facilities.list": {
        "value": [{"process": "chlor_alkali", "facilities": "3", "mercury_used": "25"}]
    },  # mercury used: 2 t/yr in total in 2021
}


def changed_report(party, user):
    """The history's 2025 full report, complete (sample answers), with the answers of
    `CHANGED`."""
    report = history_report(party, user)
    fmt = get_format(report.cycle.format_id, report.cycle.format_version)
    prefilled = {q.key for q in fmt.iter_questions() if q.prefill}
    samples = sample_answers(fmt, report.cycle.kind, seed=2, skip=prefilled)
    save_answers(report, fmt, {**samples, **CHANGED}, user, report.cycle.kind)
    _db.session.commit()
    return report
