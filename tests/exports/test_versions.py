"""Two format versions across cycles: exports, the codebook, the aggregates behind the
cross-cycle charts and carry-over all follow what the newer version replaces."""

import json

from sqlalchemy import select

from reporting.analysis import option_counts, time_series
from reporting.analysis.numbers import numeric_summary
from reporting.exports import ExportFilters, iter_long_rows
from reporting.exports.codebook import iter_codebook_rows
from reporting.exports.wide import iter_wide_rows
from reporting.extensions import db
from reporting.models import Answer
from reporting.reports import workflow
from reporting.reports.carry_over import NotCarried, carry_answers


def _long(**filters):
    return list(iter_long_rows(ExportFilters(cycles=("2095-one", "2099-two"), **filters)))


def test_the_long_export_gives_older_answers_under_the_newer_keys(version_cycles, party_a):
    rows = [r for r in _long() if r["party_iso3"] == party_a.iso3]
    by_key = {}
    for r in rows:
        by_key.setdefault(r["question_key"], []).append(r)
    assert by_key["art1.new_name"][0]["value_text"] == "Ada"
    assert by_key["art1.new_name"][0]["asked_key"] == "art1.old_name"
    assert by_key["art1.colour"][0]["value_code"] == "green"
    assert by_key["art1.colour"][0]["value_label"] == "Green"
    assert by_key["art1.colour"][0]["asked_key"] is None
    assert sorted(r["value_code"] for r in by_key["art1.colours"]) == ["green", "red"]
    # The split question keeps its own series, never counted with the newer art1.mining.
    assert [r["value_code"] for r in by_key["art1.mining@1"]] == ["yes"]
    assert by_key["art1.mining@1"][0]["asked_key"] == "art1.mining"
    assert "art1.mining" not in by_key
    assert [r["value_number"] for r in by_key["art1.quantity"]] == [2]
    assert by_key["art1.dropped"][0]["value_text"] == "gone"
    assert "art1.old_name" not in by_key and "art1.tonnes" not in by_key


def test_a_question_filter_by_the_newer_key_finds_the_older_answers(version_cycles, party_a):
    rows = _long(questions=("art1.new_name",))
    assert sorted(r["value_text"] for r in rows) == ["Ada", "Bo"]


def test_the_wide_export_has_one_column_per_series(version_cycles, party_a):
    rows = {
        r["cycle_code"]: r for r in iter_wide_rows(ExportFilters(cycles=("2095-one", "2099-two")))
    }
    assert rows["2095-one"]["art1.new_name"] == "Ada"
    assert rows["2099-two"]["art1.new_name"] == "Bo"
    assert rows["2095-one"]["art1.colour"] == "green"
    assert rows["2095-one"]["art1.colours:green"] == 1


def test_the_codebook_says_in_which_cycles_and_versions_and_how(version_cycles):
    rows = {
        r["question_key"]: r
        for r in iter_codebook_rows(ExportFilters(cycles=("2095-one", "2099-two")))
        if r["column_key"] is None
    }
    assert json.loads(rows["art1.new_name"]["asked_as"]) == [
        {"cycle": "2095-one", "version": "1", "key": "art1.old_name", "how": "renamed"},
        {"cycle": "2099-two", "version": "2", "key": "art1.new_name", "how": None},
    ]
    assert rows["art1.new_name"]["cycles"] == "2095-one;2099-two"
    assert json.loads(rows["art1.colour"]["asked_as"])[0]["how"] == "recoded"
    assert json.loads(rows["art1.quantity"]["asked_as"])[0]["how"] == "merged"
    assert rows["art1.mining@1"]["text"] == "Mining existing at entry into force?"
    assert rows["art1.mining@1"]["cycles"] == "2095-one"
    assert rows["art1.mining"]["cycles"] == "2099-two"
    assert rows["art1.dropped"]["cycles"] == "2095-one"


def test_the_cross_cycle_series_counts_the_recoded_choices(version_cycles):
    filters = ExportFilters(cycles=("2095-one", "2099-two"))
    series = {s["question_key"]: s for s in time_series(filters)}
    colour = series["art1.colour"]
    counts = [{o["code"]: o["count"] for o in p["options"]} for p in colour["points"]]
    assert [c["green"] for c in counts] == [1, 1]
    assert "art1.new_name" in series and "art1.mining" not in series
    sums = {
        (r["question_key"], r["cycle_code"]): r["sum"]
        for r in numeric_summary(filters)
        if r["region"] is None
    }
    assert sums[("art1.quantity", "2095-one")] == 2.0  # art1.tonnes, merged into it
    assert sums[("art1.quantity", "2099-two")] == 5.0
    options = {
        (r["question_key"], r["cycle_code"]): r
        for r in option_counts(filters)
        if r["region"] is None
    }
    assert options[("art1.colours", "2095-one")]["answered"] == 1


def test_carry_over_maps_answers_and_marks_what_could_not_be_carried(
    version_cycles, party_a, focal_point
):
    _first, second = version_cycles
    report = workflow.start_report(party_a, second, focal_point)
    answers = {
        a.question_key: a
        for a in db.session.scalars(select(Answer).where(Answer.report_id == report.id))
    }
    assert answers["art1.new_name"].value_text == "Ada"
    assert answers["art1.colour"].value_text == "green"
    assert answers["art1.colours"].value_json == ["green", "red"]
    assert answers["art1.quantity"].value_number == 2
    assert all(a.carried_over for a in answers.values())
    assert "art1.mining" not in answers and "art1.mining.at_entry" not in answers
    missed = [NotCarried.from_json(m) for m in report.not_carried]
    assert (
        NotCarried("art1.mining", "1", "split", ("art1.mining", "art1.mining.at_entry")) in missed
    )
    assert NotCarried("art1.dropped", "1", "dropped", ()) in missed
    assert len(missed) == 2


def test_of_merged_questions_the_first_answered_carries(versions):
    old, new = versions
    carried, missed = carry_answers(
        old,
        {"art1.kilos": {"value": "3"}, "art1.tonnes": {"value": "2"}},
        new,
        {q.key for q in new.iter_questions()},
    )
    assert carried == {"art1.quantity": {"value": "2"}}
    assert missed == [NotCarried("art1.kilos", "1", "merged", ("art1.quantity",))]


def test_a_recoded_code_the_newer_question_does_not_offer_is_not_carried(versions):
    old, new = versions
    carried, missed = carry_answers(
        old,
        {"art1.colour": {"value": "violet"}, "art1.kept": {"value": "no"}},
        new,
        {q.key for q in new.iter_questions()},
    )
    assert carried == {"art1.kept": {"value": "no"}}
    assert missed == [NotCarried("art1.colour", "1", "choice", ("art1.colour",))]


def test_within_one_version_every_asked_answer_carries_as_it_is(versions):
    old, _new = versions
    answers = {"art1.kept": {"value": "no"}, "art1.mining": {"value": "yes"}}
    assert carry_answers(old, answers, old, {"art1.kept"}) == ({"art1.kept": {"value": "no"}}, [])


def test_the_cross_cycle_chart_draws_the_older_cycle_under_the_newer_question(version_cycles):
    from reporting.charts.pages import question_figures

    result = question_figures("art1.colour", ExportFilters(cycles=("2099-two",)))
    assert result.asked_in == ("2095-one", "2099-two")
    across = next(f for f in result.figures if f.id.endswith("cycles"))
    green = across.columns.index("green")
    assert [(row[0], row[green]) for row in across.rows] == [("2095-one", 1.0), ("2099-two", 1.0)]
    assert "grn" not in across.columns
