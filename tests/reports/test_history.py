"""The Party's previous answers beside the questions of its new report (reports.history)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from reporting.extensions import db as _db
from reporting.models import Answer
from reporting.reports import workflow
from reporting.reports.history import previous_answers, previous_submissions
from tests.previous_reports import cycle as _cycle
from tests.previous_reports import history_report, submitted


@pytest.fixture
def history(request_ctx, party_a, focal_point):
    return history_report(party_a, focal_point)


def _keys(fmt, *keys):
    return [fmt.question(k) for k in keys]


def test_a_question_shows_the_answer_of_the_previous_report_of_its_kind(history, minamata):
    found = previous_answers(history, minamata, _keys(minamata, "art3.chlor_alkali.quantity"))
    previous = found["art3.chlor_alkali.quantity"]
    assert previous.cycle_code == "2021-full" and previous.same_kind
    assert previous.answer["value"] == Decimal("12.5")
    assert previous.shown.text == "\u206812.5\u2069 t"
    assert previous.cycle_label == "Full report 2021"


def test_without_an_answer_there_the_report_of_the_other_kind_answers(history, minamata):
    # No exports in 2021 (the quantity was not asked), 40 t in the 2023 short report.
    found = previous_answers(history, minamata, _keys(minamata, "art3.exports.total_quantity"))
    previous = found["art3.exports.total_quantity"]
    assert previous.cycle_code == "2023-short" and not previous.same_kind
    assert previous.answer["value"] == Decimal("40")
    assert previous.cycle_label == "Short report 2023"


def test_the_own_kind_answers_first_even_when_the_other_kind_is_newer(history, minamata):
    found = previous_answers(history, minamata, _keys(minamata, "art3.exports"))
    assert found["art3.exports"].cycle_code == "2021-full"
    assert found["art3.exports"].answer["value"] == "no"


def test_no_previous_answer_gives_nothing(request_ctx, party_a, focal_point, minamata):
    report = workflow.start_report(party_a, _cycle("2025-full"), focal_point)
    assert previous_answers(report, minamata, minamata.iter_questions()) == {}


def test_another_partys_answers_are_never_taken(history, party_b, other_focal_point, minamata):
    theirs_before = {
        "art3.exports": {"value": "yes"},
        "art3.exports.total_quantity": {"value": "999"},
    }
    submitted(party_b, "2023-short", other_focal_point, theirs_before)
    theirs = workflow.start_report(party_b, _cycle("2025-full"), other_focal_point)
    found = previous_answers(theirs, minamata, minamata.iter_questions())
    assert {p.cycle_code for p in found.values()} == {"2023-short"}
    assert found["art3.exports.total_quantity"].answer["value"] == Decimal("999")
    ours = previous_answers(history, minamata, _keys(minamata, "art3.exports.total_quantity"))
    assert ours["art3.exports.total_quantity"].answer["value"] == Decimal("40")


def test_prefilled_and_file_questions_show_no_previous_answer(history, minamata):
    keys = [q for q in minamata.iter_questions() if q.prefill or q.kind.attachment]
    assert keys and previous_answers(history, minamata, keys) == {}


def test_period_bound_questions_are_not_carried_over_but_shown(history, minamata):
    bound = {q.key for q in minamata.iter_questions() if q.period_bound}
    assert {"art3.exports.total_quantity", "art10.interim_storage.quantity"} <= bound
    stored = set(
        _db.session.scalars(select(Answer.question_key).where(Answer.report_id == history.id))
    )
    assert "art3.exports" in stored  # carried from the 2023 short report
    assert "art3.exports.total_quantity" not in stored
    found = previous_answers(history, minamata, _keys(minamata, "art3.exports.total_quantity"))
    assert found["art3.exports.total_quantity"].answer["value"] == Decimal("40")


def test_the_previous_submissions_are_one_per_kind_own_kind_first(history):
    found = previous_submissions(history)
    assert [e.cycle_code for e in found] == ["2021-full", "2023-short"]


def test_carry_over_across_versions_leaves_period_bound_questions_out(request_ctx, minamata):
    from reporting.questionnaire import get_format
    from reporting.reports.carry_over import carry_answers

    old = get_format("minamata", "2017.1")
    given = {
        "art3.exports": {"value": "yes"},
        "art3.exports.total_quantity": {"value": "40"},
        "art10.interim_storage.quantity": {"value": "3"},
    }
    keys = {q.key for q in minamata.iter_questions()}
    carried, missed = carry_answers(old, given, minamata, keys)
    assert set(carried) == {"art3.exports"} and missed == []
    shown, _missed = carry_answers(old, given, minamata, keys, period_bound=True)
    assert set(shown) == set(given)
    assert old.question("art3.exports.total_quantity").period_bound
