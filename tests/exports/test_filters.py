"""Which reports and answers a selection covers: statuses, audience, filters, bad codes."""

from datetime import timedelta

import pytest

from reporting.exports import ExportFilters, FilterError, build_plan, iter_long_rows, iter_wide_rows
from reporting.models.types import utcnow

from .factories import make_report


def _reports(filters):
    return {(row["party_iso3"], row["status"]) for row in iter_wide_rows(filters)}


def test_drafts_are_excluded_by_default(reports):
    assert _reports(ExportFilters()) == {
        ("MEX", "accepted"),
        ("KEN", "submitted"),
        ("CHN", "submitted"),
    }


def test_drafts_come_only_when_asked_and_carry_their_status(reports):
    rows = list(iter_long_rows(ExportFilters(include_drafts=True, parties=["FRA"])))
    assert rows and {row["status"] for row in rows} == {"draft"}
    assert ("FRA", "draft") in _reports(ExportFilters(include_drafts=True))


def test_asking_for_draft_statuses_without_including_drafts_is_refused(app):
    with app.test_request_context():
        for status in ("draft", "returned"):
            with pytest.raises(FilterError):
                ExportFilters(statuses=[status])
        assert ExportFilters(statuses=["draft"], include_drafts=True).effective_statuses == (
            "draft",
        )


def test_returned_reports_are_drafts_for_exports(full_cycle, reviewer):
    make_report("FRA", full_cycle, "returned", seed=5, reviewer=reviewer)
    assert _reports(ExportFilters()) == set()
    assert _reports(ExportFilters(statuses=["returned"], include_drafts=True)) == {
        ("FRA", "returned")
    }


def test_status_filter_narrows(reports):
    assert _reports(ExportFilters(statuses=["accepted"])) == {("MEX", "accepted")}


def test_published_audience_sees_only_accepted_reports_past_their_embargo(full_cycle, reviewer):
    make_report("MEX", full_cycle, "accepted", seed=1, reviewer=reviewer)
    embargoed = make_report("KEN", full_cycle, "submitted", seed=2, reviewer=reviewer)
    from reporting.reports import workflow

    workflow.accept(embargoed, reviewer, embargo_until=utcnow() + timedelta(days=30))
    assert _reports(ExportFilters(audience="published")) == {("MEX", "accepted")}
    assert _reports(ExportFilters()) == {("MEX", "accepted"), ("KEN", "accepted")}


def test_published_audience_refuses_drafts_and_confidential_answers(app):
    with app.test_request_context():
        for options in (
            {"include_drafts": True},
            {"include_confidential": True},
            {"statuses": ["submitted"]},
        ):
            with pytest.raises(FilterError):
                ExportFilters(audience="published", **options)


def test_published_audience_leaves_out_personal_data(reports):
    keys = {row["question_key"] for row in iter_long_rows(ExportFilters(audience="published"))}
    assert "party.focal_point.institution" in keys
    assert "party.focal_point.email" not in keys and "party.focal_point.name" not in keys
    secretariat = {row["question_key"] for row in iter_long_rows(ExportFilters())}
    assert "party.focal_point.email" in secretariat
    with pytest.raises(FilterError):
        build_plan(ExportFilters(audience="published", questions=["party.focal_point.email"]))


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({"parties": ["mex", "KEN"]}, {"MEX", "KEN"}),
        ({"regions": ["africa"]}, {"KEN"}),
        ({"regions": ["asia_pacific", "latin_america_caribbean"]}, {"CHN", "MEX"}),
        ({"cycles": ["2025-full"]}, {"MEX", "KEN", "CHN"}),
        ({"cycles": ["2023-short"]}, set()),
    ],
)
def test_party_region_and_cycle_filters(reports, filters, expected):
    assert {row["party_iso3"] for row in iter_wide_rows(ExportFilters(**filters))} == expected


def test_article_and_question_filters_narrow_the_questions(reports):
    by_article = {row["article"] for row in iter_long_rows(ExportFilters(articles=["3", "4"]))}
    assert by_article == {"3", "4"}
    keys = {
        row["question_key"]
        for row in iter_long_rows(ExportFilters(questions=["art3.exports", "art4.dental.measures"]))
    }
    assert keys == {"art3.exports", "art4.dental.measures"}


@pytest.mark.parametrize(
    "filters",
    [
        {"cycles": ["1999-full"]},
        {"parties": ["XXX"]},
        {"questions": ["art99.nothing"]},
        {"articles": ["99"]},
        {"regions": ["atlantis"]},
        {"statuses": ["lost"]},
        {"language": "de"},
        {"audience": "everyone"},
    ],
)
def test_unknown_codes_are_named_rather_than_exported_empty(app, db, filters):
    with app.test_request_context():
        with pytest.raises(FilterError) as error:
            build_plan(ExportFilters(**filters))
    assert str(error.value)


def test_filters_record_what_was_selected(app):
    with app.test_request_context():
        data = ExportFilters(cycles=["2025-full"], include_drafts=True).as_dict()
    assert data["cycles"] == ["2025-full"]
    assert data["effective_statuses"] == ["draft", "submitted", "returned", "accepted"]
