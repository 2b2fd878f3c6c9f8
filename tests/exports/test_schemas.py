"""Marshmallow schemas of export filters (input) and of rows and aggregates (output)."""

import pytest
from marshmallow import ValidationError

from reporting.analysis import numeric_summary, option_counts, reporting_performance, time_series
from reporting.exports import ExportFilters, FilterError
from schemas.exports import (
    ExportQuerySchema,
    NumericSummarySchema,
    OptionCountSchema,
    ReportingPerformanceSchema,
    TimeSeriesSchema,
)


def filters_from(args: dict, audience: str) -> ExportFilters:
    """As the module says callers do: the query's filters, the audience of who asks."""
    return ExportFilters(**ExportQuerySchema().load(args), audience=audience)


def test_query_arguments_load_into_filters_with_the_callers_audience(app):
    args = {
        "cycle": ["2025-full", "2023-short"],
        "party": ["MEX"],
        "lang": "fr",
        "include_drafts": "true",
        "status": ["draft"],
    }
    with app.test_request_context():
        filters = filters_from(args, audience="secretariat")
    assert filters == ExportFilters(
        cycles=("2025-full", "2023-short"),
        parties=("MEX",),
        language="fr",
        include_drafts=True,
        statuses=("draft",),
    )
    assert ExportQuerySchema().load({}) == {
        "cycles": (),
        "articles": (),
        "questions": (),
        "regions": (),
        "parties": (),
        "statuses": (),
        "include_drafts": False,
        "include_confidential": False,
        "language": "en",
    }


@pytest.mark.parametrize(
    "args",
    [
        {"status": ["lost"]},
        {"region": ["atlantis"]},
        {"include_drafts": "maybe"},
        {"status": ["draft"]},
        {"lang": "de"},
    ],
)
def test_bad_arguments_are_refused(app, args):
    with app.test_request_context(), pytest.raises((ValidationError, FilterError)):
        filters_from(args, audience="secretariat")


def test_a_partner_cannot_ask_for_drafts(app):
    with app.test_request_context(), pytest.raises(FilterError):
        filters_from({"include_drafts": "true"}, audience="published")


def test_aggregate_schemas_dump_the_aggregates_unchanged(reports):
    filters = ExportFilters(questions=["art3.exports", "art3.exports.list"])
    for schema, rows in (
        (OptionCountSchema, option_counts(filters)),
        (NumericSummarySchema, numeric_summary(filters)),
        (TimeSeriesSchema, time_series(ExportFilters(questions=["art3.exports"]))),
        (ReportingPerformanceSchema, reporting_performance(filters)),
    ):
        dumped = schema(many=True).dump(rows)
        assert dumped and all(set(d) == set(r) for d, r in zip(dumped, rows)), schema
