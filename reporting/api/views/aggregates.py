"""/aggregates: per-question counts and numbers, series across cycles, performance and
submissions over time.

Computed in the database by `reporting.analysis` over the same selection as the exports,
for the token's audience (partners: published reports only; confidential answers are
counted as withheld, never shown).
"""

from flask.views import MethodView

from schemas.api.common import PAGED_HEADERS
from schemas.api.exports import ApiAggregateQuery
from schemas.exports import (
    NumericSummarySchema,
    OptionCountSchema,
    ReportingPerformanceSchema,
    SubmissionTimelineSchema,
    TimeSeriesSchema,
)

from ...analysis import (
    numeric_summary,
    option_counts,
    reporting_performance,
    submission_timeline,
    time_series,
)
from ..auth import READ_PUBLISHED, require_scope
from ..blueprint import resource
from ..export_filters import plan_for
from ..pagination import paginate_list

blp = resource("aggregates", __name__, "Aggregates per question and cycle.", "/aggregates")


def _paged(function, args):
    page, page_size = args.pop("page"), args.pop("page_size")
    return paginate_list(function(plan_for(args)), page, page_size)


@blp.route("/options")
class Options(MethodView):
    @require_scope(READ_PUBLISHED)
    @blp.etag
    @blp.arguments(ApiAggregateQuery, location="query")
    @blp.response(200, OptionCountSchema(many=True), headers=PAGED_HEADERS)
    def get(self, args):
        """Per question, cycle and region: reporting Parties and the count and share of
        each answer option, withheld answers and non-responses."""
        return _paged(option_counts, args)


@blp.route("/numbers")
class Numbers(MethodView):
    @require_scope(READ_PUBLISHED)
    @blp.etag
    @blp.arguments(ApiAggregateQuery, location="query")
    @blp.response(200, NumericSummarySchema(many=True), headers=PAGED_HEADERS)
    def get(self, args):
        """Per quantity, cycle and region: Parties, sum, median, minimum and maximum."""
        return _paged(numeric_summary, args)


@blp.route("/series")
class Series(MethodView):
    @require_scope(READ_PUBLISHED)
    @blp.etag
    @blp.arguments(ApiAggregateQuery, location="query")
    @blp.response(200, TimeSeriesSchema(many=True), headers=PAGED_HEADERS)
    def get(self, args):
        """Every question asked in two or more of the selected cycles, one point per cycle."""
        return _paged(time_series, args)


@blp.route("/performance")
class Performance(MethodView):
    @require_scope(READ_PUBLISHED)
    @blp.etag
    @blp.arguments(ApiAggregateQuery, location="query")
    @blp.response(200, ReportingPerformanceSchema(many=True), headers=PAGED_HEADERS)
    def get(self, args):
        """Per cycle and region: Parties, reports by status, submission rate, on-time share."""
        return _paged(reporting_performance, args)


@blp.route("/timeline")
class Timeline(MethodView):
    @require_scope(READ_PUBLISHED)
    @blp.etag
    @blp.arguments(ApiAggregateQuery, location="query")
    @blp.response(200, SubmissionTimelineSchema(many=True), headers=PAGED_HEADERS)
    def get(self, args):
        """Per cycle and region: how many Parties had first submitted by each checkpoint
        relative to the due date (-90 to +365 days, and now), and their share."""
        return _paged(submission_timeline, args)
