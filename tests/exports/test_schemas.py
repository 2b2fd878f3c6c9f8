"""Marshmallow schemas of export filters (input) and of rows and aggregates (output)."""
import pytest
from flask import request
from marshmallow import ValidationError

from reporting.analysis import numeric_summary, option_counts, reporting_performance, time_series
from reporting.exports import LONG_FIELDS, ExportFilters, iter_long_rows, iter_wide_rows, wide_fields
from schemas.exports import (
    ExportQuerySchema, ExportRequestSchema, NumericSummarySchema, OptionCountSchema,
    ReportingPerformanceSchema, TimeSeriesSchema, load_filters, row_for_schema, row_schema,
)


def test_query_arguments_load_into_filters_with_the_callers_audience(app):
    query = "cycle=2025-full&cycle=2023-short&party=MEX&lang=fr&include_drafts=true&status=draft"
    with app.test_request_context(f"/?{query}"):
        filters = load_filters(request.args, audience="secretariat")
    assert filters == ExportFilters(cycles=("2025-full", "2023-short"), parties=("MEX",),
                                    language="fr", include_drafts=True, statuses=("draft",))
    assert ExportQuerySchema().load({}) == {
        "cycles": (), "articles": (), "questions": (), "regions": (), "parties": (),
        "statuses": (), "include_drafts": False, "include_confidential": False, "language": "en"}


@pytest.mark.parametrize("args", [
    {"status": ["lost"]}, {"region": ["atlantis"]}, {"include_drafts": "maybe"},
    {"status": ["draft"]}, {"lang": "de"},
])
def test_bad_arguments_are_validation_errors(app, args):
    with app.test_request_context(), pytest.raises(ValidationError):
        load_filters(args, audience="secretariat")


def test_a_partner_cannot_ask_for_drafts(app):
    with app.test_request_context(), pytest.raises(ValidationError):
        load_filters({"include_drafts": "true"}, audience="published")


def test_export_request_has_shape_and_format(app):
    data = ExportRequestSchema().load({"shape": "long", "format": "xlsx", "cycle": ["2025-full"]})
    assert (data["shape"], data["file_format"], data["cycles"]) == ("long", "xlsx", ("2025-full",))
    with pytest.raises(ValidationError):
        ExportRequestSchema().load({"shape": "cube"})


def test_row_schemas_dump_export_rows(reports):
    long_rows = list(iter_long_rows(ExportFilters()))
    dumped = row_schema(LONG_FIELDS)(many=True).dump([row_for_schema(r) for r in long_rows])
    zero = next(r for r in dumped if r["party_iso3"] == "MEX"
                and r["question_key"] == "art3.exports.total_quantity")
    assert zero["value_number"] == 0.0 and zero["submitted_at"].startswith("20")
    fields = wide_fields(ExportFilters())
    wide = row_schema(fields, "WideRow")().dump(row_for_schema(
        next(r for r in iter_wide_rows(ExportFilters()) if r["party_iso3"] == "MEX")))
    assert wide["art3.exports.list:quantity:sum"] == 3.75 and wide["art3.exports"] == "yes"


def test_aggregate_schemas_dump_the_aggregates_unchanged(reports):
    filters = ExportFilters(questions=["art3.exports", "art3.exports.list"])
    for schema, rows in ((OptionCountSchema, option_counts(filters)),
                         (NumericSummarySchema, numeric_summary(filters)),
                         (TimeSeriesSchema, time_series(ExportFilters(questions=["art3.exports"]))),
                         (ReportingPerformanceSchema, reporting_performance(filters))):
        dumped = schema(many=True).dump(rows)
        assert dumped and all(set(d) == set(r) for d, r in zip(dumped, rows)), schema
