"""Schemas of exports and aggregates: the filter input and the aggregates' rows.

- `ExportQuerySchema` loads a query string (`?cycle=2025-full&cycle=2023-short&lang=fr`)
  into the arguments of `ExportFilters`; the caller adds the audience, which is decided
  by who asks (a partner token is "published"), never by the query:
  `ExportFilters(**ExportQuerySchema().load(args), audience=...)`. Parameter names are
  those of the CLI (`cycle`, `article`, `question`, `region`, `party`, `status`,
  `include_drafts`, `include_confidential`, `lang`), repeated for several values.
- `OptionCountSchema`, `NumericSummarySchema`, `TimeSeriesSchema`,
  `ReportingPerformanceSchema`, `SubmissionTimelineSchema`: the rows of
  `reporting.analysis`.
"""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, post_load, validate

from reporting.models import RegionalGroup, ReportStatus


def _codes(**kw):
    return fields.List(
        fields.String(validate=validate.Length(min=1, max=120)), load_default=list, **kw
    )


class ExportQuerySchema(Schema):
    """What to export: the filters, as query parameters (see the module)."""

    class Meta:
        unknown = EXCLUDE

    cycles = _codes(data_key="cycle", metadata={"description": "Cycle code, e.g. 2025-full"})
    articles = _codes(data_key="article", metadata={"description": "Article number, e.g. 3"})
    questions = _codes(data_key="question", metadata={"description": "Question key"})
    regions = fields.List(
        fields.String(validate=validate.OneOf([g.value for g in RegionalGroup])),
        load_default=list,
        data_key="region",
    )
    parties = _codes(data_key="party", metadata={"description": "ISO3 code of a Party"})
    statuses = fields.List(
        fields.String(validate=validate.OneOf([s.value for s in ReportStatus])),
        load_default=list,
        data_key="status",
    )
    include_drafts = fields.Boolean(load_default=False)
    include_confidential = fields.Boolean(load_default=False)
    language = fields.String(
        load_default="en", data_key="lang", metadata={"description": "Language of texts and labels"}
    )

    @post_load
    def as_tuples(self, data, **kwargs):
        return {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}


# -- aggregates -------------------------------------------------------------------------------


class OptionSchema(Schema):
    code = fields.String()
    label = fields.String()
    is_state = fields.Boolean(metadata={"description": "An answer state, not a choice"})
    count = fields.Integer()
    share = fields.Float(allow_none=True, metadata={"description": "count / asked"})


class _Counts(Schema):
    reporting = fields.Integer(metadata={"description": "Parties with a selected report"})
    asked = fields.Integer(metadata={"description": "Reporting Parties the question applied to"})
    answered = fields.Integer()
    withheld = fields.Integer(metadata={"description": "Answers left out as confidential"})
    non_response = fields.Integer(metadata={"description": "asked - answered - withheld"})
    options = fields.List(fields.Nested(OptionSchema))


class OptionCountSchema(_Counts):
    question_key = fields.String()
    kind = fields.String()
    cycle_code = fields.String()
    cycle_year = fields.Integer()
    region = fields.String(allow_none=True, metadata={"description": "None: all Parties"})


class _Numbers(Schema):
    column_key = fields.String(allow_none=True)
    unit = fields.String(allow_none=True)
    parties = fields.Integer(metadata={"description": "Parties that gave a number"})
    sum = fields.Float(allow_none=True)
    median = fields.Float(allow_none=True)
    min = fields.Float(allow_none=True)
    max = fields.Float(allow_none=True)


class NumericSummarySchema(_Numbers):
    question_key = fields.String()
    cycle_code = fields.String()
    cycle_year = fields.Integer()
    region = fields.String(allow_none=True)


class SeriesPointSchema(_Counts):
    cycle_code = fields.String()
    cycle_year = fields.Integer()
    numbers = fields.List(fields.Nested(_Numbers))


class TimeSeriesSchema(Schema):
    question_key = fields.String()
    kind = fields.String()
    text = fields.String()
    points = fields.List(fields.Nested(SeriesPointSchema))


class ReportingPerformanceSchema(Schema):
    cycle_code = fields.String()
    cycle_year = fields.Integer()
    due_date = fields.String(metadata={"format": "date"})
    region = fields.String(allow_none=True)
    parties = fields.Integer()
    by_status = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        metadata={
            "description": "Parties per status; published data has no draft (counted as not_started)"
        },
    )
    submitted = fields.Integer(metadata={"description": "Parties with a submitted version"})
    submission_rate = fields.Float(allow_none=True)
    on_time = fields.Integer()
    on_time_share = fields.Float(allow_none=True)
    published = fields.Integer(
        metadata={"description": "Parties with a published report (accepted and past any embargo)"}
    )


class CheckpointSchema(Schema):
    key = fields.String(
        metadata={"description": 'Days from the due date ("-90", "0", "+30") or "now"'}
    )
    days = fields.Integer(allow_none=True, metadata={"description": "None: now"})
    at = fields.String(
        allow_none=True,
        metadata={"format": "date-time", "description": "Submissions before this instant count"},
    )
    reached = fields.Boolean(metadata={"description": "The checkpoint has passed"})
    submitted = fields.Integer(
        allow_none=True,
        metadata={
            "description": "Parties first submitted before the checkpoint (None: not reached)"
        },
    )
    share = fields.Float(allow_none=True, metadata={"description": "submitted / parties"})


class SubmissionTimelineSchema(Schema):
    cycle_code = fields.String()
    cycle_year = fields.Integer()
    due_date = fields.String(metadata={"format": "date"})
    region = fields.String(allow_none=True)
    parties = fields.Integer()
    submitted = fields.Integer(metadata={"description": "Parties with a submission so far"})
    checkpoints = fields.List(fields.Nested(CheckpointSchema))
