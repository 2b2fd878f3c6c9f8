"""Answers that changed much since the previous report (reports.changes_since)."""

from __future__ import annotations

import pytest

from reporting.reports import workflow
from reporting.reports.answers import answer_data, load_answers
from reporting.reports.changes_since import change_flags
from tests.previous_reports import changed_report, history_report


def _flags(report):
    fmt = workflow.report_format(report)
    answers = answer_data(load_answers(report, fmt))
    return {f.key: f for f in change_flags(report, fmt, report.cycle.kind, answers)}


@pytest.fixture
def changed(request_ctx, party_a, focal_point):
    return changed_report(party_a, focal_point)


def test_a_quantity_ten_times_larger_is_flagged_with_both_values(changed):
    flag = _flags(changed)["art3.chlor_alkali.quantity"]
    assert flag.message == (
        "More than ten times your answer in Full report 2021 (\u206812.5\u2069 t): now "
        "\u2068200\u2069 t. Check the value and its unit."
    )


def test_a_quantity_ten_times_smaller_is_flagged(changed):
    flag = _flags(changed)["art10.interim_storage.quantity"]
    assert flag.message.startswith("Less than a tenth of your answer in Full report 2021")
    assert "\u20683\u2069 t" in flag.before and "\u20680.2\u2069 t" in flag.after


def test_a_yes_that_became_no_is_flagged(changed):
    flag = _flags(changed)["art14.technology_transfer"]
    assert flag.message == (
        "Your answer in Full report 2021 was \u2068Yes\u2069; it is now \u2068No\u2069. "
        "Check that this is right."
    )


def test_a_table_column_total_ten_times_larger_is_flagged(changed):
    flag = _flags(changed)["art5.facilities.list"]
    assert flag.message.startswith("Total of the column “Estimated mercury used”: More than ten")
    assert "\u20682\u2069" in flag.before and "\u206825\u2069" in flag.after
    # the number of facilities (3 against 3) did not change much: one flag only
    assert "Number of facilities" not in flag.message


def test_small_changes_and_unchanged_answers_are_not_flagged(changed):
    flags = _flags(changed)
    assert "art3.exports.total_quantity" not in flags  # 40 -> 41
    assert "art3.chlor_alkali" not in flags and "art3.exports" not in flags


def test_no_previous_report_no_flags(request_ctx, party_b, other_focal_point):
    from tests.previous_reports import cycle

    report = workflow.start_report(party_b, cycle("2025-full"), other_focal_point)
    assert _flags(report) == {}


def test_a_zero_that_became_a_quantity_is_flagged(request_ctx, party_a, focal_point):
    from reporting.reports.answers import save_answers

    report = history_report(party_a, focal_point)
    fmt = workflow.report_format(report)
    save_answers(
        report,
        fmt,
        {"art3.exports": {"value": "yes"}, "art3.exports.total_quantity": {"value": "0"}},
        focal_point,
        "full",
    )
    assert _flags(report)["art3.exports.total_quantity"].message.startswith(
        "Your answer in Short report 2023 was \u206840\u2069 t; it is now \u20680\u2069 t."
    )
