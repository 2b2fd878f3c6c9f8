"""Submit mode: required, conditional and cross-field rules, graded by severity."""

import pytest
from marshmallow import ValidationError

from reporting.questionnaire.checks import submission_issues
from reporting.questionnaire.report_schema import report_schema

BASE = {
    "about.start": {"value": "2021-01-01"},
    "about.end": {"value": "2022-12-31"},
    "art1.mining": {"value": "no"},
}


def _submit(fmt, data, kind=None):
    return report_schema(fmt, kind, "submit")().load(data)


def _errors(fmt, data, kind=None):
    with pytest.raises(ValidationError) as info:
        _submit(fmt, data, kind)
    return info.value.messages


def test_complete_answers_pass_submit_mode(request_ctx, tiny_format):
    assert _submit(tiny_format, BASE)["art1.mining"]["value"] == "no"


def test_required_question_must_be_answered(request_ctx, tiny_format):
    data = {k: v for k, v in BASE.items() if k != "art1.mining"}
    assert _errors(tiny_format, data) == {
        "art1.mining": {"value": ["This question requires an answer."]}
    }


def test_conditional_question_is_required_only_when_its_condition_holds(request_ctx, tiny_format):
    # Mining "no": the quantity is hidden, hence not required.
    _submit(tiny_format, BASE)
    # Mining "yes": the quantity appears and is required.
    data = {**BASE, "art1.mining": {"value": "yes"}}
    assert _errors(tiny_format, data) == {
        "art1.mining.tonnes": {"value": ["This question requires an answer."]}
    }


def test_required_if_makes_a_visible_question_required_when_it_holds(request_ctx, tiny_format):
    _submit(tiny_format, {**BASE, "art1.plan": {"value": "no"}})
    errors = _errors(tiny_format, {**BASE, "art1.plan": {"value": "yes"}})
    assert errors == {"art1.details": {"value": ["This question requires an answer."]}}


def test_not_applicable_state_answers_a_required_question(request_ctx, tiny_format):
    data = {**BASE, "art1.mining": {"state": "not_applicable"}}
    assert _submit(tiny_format, data)["art1.mining"]["state"] == "not_applicable"


def test_cross_field_error_blocks_submission(request_ctx, tiny_format):
    data = {**BASE, "about.end": {"value": "2020-12-31"}}
    assert _errors(tiny_format, data) == {
        "about.end": {"rule": ["The end must come after the start."]}
    }


def test_warning_does_not_block_but_is_reported(request_ctx, tiny_format):
    data = {**BASE, "art1.mining": {"value": "yes"}, "art1.mining.tonnes": {"value": "5000"}}
    clean = _submit(tiny_format, data)
    issues = submission_issues(tiny_format, clean)
    assert [(i.question_key, i.severity) for i in issues] == [("art1.mining.tonnes", "warning")]


def test_multiple_choice_minimum_count_is_enforced_on_submit(request_ctx, tiny_format):
    data = {**BASE, "art1.colours": {"value": ["red"]}}
    report_schema(tiny_format, None, "draft")().load(data)  # a draft may hold one
    assert _errors(tiny_format, data) == {"art1.colours": {"value": ["Choose at least 2 options."]}}


def test_table_missing_required_cell_is_reported_at_row_and_column(request_ctx, tiny_format):
    rows = [{"country": "DEU", "quantity": "2"}, {"country": "FRA"}]
    errors = _errors(tiny_format, {**BASE, "art1.exports": {"value": rows}})
    assert errors == {"art1.exports": {"value": {1: {"quantity": ["Fill in this cell."]}}}}


def test_short_report_only_checks_short_questions(request_ctx, tiny_format):
    data = {
        "about.start": {"value": "2021-01-01"},
        "about.end": {"value": "2022-12-31"},
        "art1.mining": {"value": "no"},
    }
    _submit(tiny_format, data, "short")
    with pytest.raises(ValidationError):  # a full-report question is unknown to a short report
        _submit(tiny_format, {**data, "art1.plan": {"value": "yes"}}, "short")


def test_minamata_sample_answers_pass_submit_mode(request_ctx, minamata):
    from reporting.questionnaire.samples import sample_answers

    for kind in ("short", None):
        data = sample_answers(minamata, kind, seed=3)
        data["party.period_start"] = {"value": "2021-01-01"}
        data["party.period_end"] = {"value": "2024-12-31"}
        assert _submit(minamata, data, kind)
