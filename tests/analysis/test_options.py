"""Answer counts per question, cycle and regional group, computed in the database."""

import pytest

from reporting.analysis import option_counts
from reporting.exports import ExportFilters
from reporting.extensions import db
from reporting.reports import workflow
from reporting.reports.answers import save_answers
from tests.exports.factories import make_report


def _row(key, region=None, **filters):
    filters.setdefault("cycles", ["2025-full"])
    return next(
        r for r in option_counts(ExportFilters(questions=[key], **filters)) if r["region"] == region
    )


def _counts(row):
    return {o["code"]: o["count"] for o in row["options"]}


def test_counts_and_shares_of_each_option(reports):
    row = _row("art3.exports")
    assert (row["reporting"], row["asked"], row["answered"], row["non_response"]) == (3, 3, 3, 0)
    assert _counts(row) == {"yes": 2, "no": 1, "not_applicable": 0, "none": 0, "not_available": 0}
    shares = {o["code"]: o["share"] for o in row["options"]}
    assert shares["yes"] == pytest.approx(2 / 3) and shares["none"] == 0
    assert [o["is_state"] for o in row["options"]] == [False, False, True, True, True]


def test_counts_per_regional_group(reports):
    rows = {
        r["region"]: r
        for r in option_counts(ExportFilters(questions=["art3.exports"], cycles=["2025-full"]))
    }
    assert set(rows) == {
        None,
        "africa",
        "asia_pacific",
        "eastern_europe",
        "latin_america_caribbean",
        "western_europe_others",
    }
    assert _counts(rows["africa"])["no"] == 1 and rows["africa"]["reporting"] == 1
    assert _counts(rows["asia_pacific"])["yes"] == 1
    assert rows["eastern_europe"]["reporting"] == 0
    assert all(o["share"] is None for o in rows["eastern_europe"]["options"])


def test_answer_states_are_options_too(reports):
    assert _counts(_row("art3.chlor_alkali")) == {
        "yes": 1,
        "no": 0,
        "na": 0,
        "not_applicable": 1,
        "none": 0,
        "not_available": 1,
    }


def test_multiple_choice_counts_every_party_choosing_an_option(reports):
    row = _row("art4.dental.measures")
    # 2023.1 asks every Party: MEX chose i and iii, CHN viii alone, KEN "none".
    assert (row["asked"], row["answered"]) == (3, 3)
    counts = _counts(row)
    assert (counts["i"], counts["iii"], counts["viii"], counts["ii"], counts["none"]) == (
        1,
        1,
        1,
        0,
        1,
    )


def test_conditional_questions_count_only_the_parties_asked(reports):
    row = _row("art3.exports.consent")
    assert (row["reporting"], row["asked"], row["answered"]) == (3, 2, 2)  # KEN: exports "no"


def test_a_blank_visible_question_is_a_non_response(reports):
    fmt = workflow.report_format(reports["KEN"])
    save_answers(reports["KEN"], fmt, {"e.comments": {"value": None}})
    db.session.flush()
    row = _row("e.comments")
    assert (row["asked"], row["answered"], row["non_response"]) == (3, 2, 1)


def test_a_conditional_question_left_blank_is_a_non_response(full_cycle, reviewer):
    report = make_report(
        "MEX",
        full_cycle,
        "draft",
        seed=1,
        overrides={"art3.exports": {"value": "yes"}, "art3.exports.consent": {"value": None}},
    )
    assert report is not None
    row = _row("art3.exports.consent", include_drafts=True)
    assert (row["asked"], row["answered"], row["non_response"]) == (1, 0, 1)


def test_confidential_answers_are_withheld_unless_included(reports):
    row = _row("art3.exports.total_quantity")
    assert (row["asked"], row["answered"], row["withheld"], row["non_response"]) == (2, 1, 1, 0)
    shown = _row("art3.exports.total_quantity", include_confidential=True)
    assert (shown["answered"], shown["withheld"]) == (2, 0)


def test_drafts_are_left_out_by_default(reports):
    assert _row("art3.exports")["reporting"] == 3
    assert _row("art3.exports", include_drafts=True)["reporting"] == 4


def test_published_counts_only_published_reports(reports):
    row = _row("art3.exports", audience="published")
    assert (row["reporting"], _counts(row)["yes"]) == (1, 1)


def test_labels_in_the_chosen_language(reports):
    french = {o["code"]: o["label"] for o in _row("art7.nap", language="fr")["options"]}
    english = {o["code"]: o["label"] for o in _row("art7.nap")["options"]}
    assert set(french) == set(english) and french["submitted"] != english["submitted"]
