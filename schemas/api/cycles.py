"""Reporting cycles: when Parties report, which report kind, on which format version."""

from marshmallow import Schema, fields, validate

from reporting.questionnaire.report_kinds import report_kind_codes

from .common import PageQuery


class CycleQuery(PageQuery):
    kind = fields.String(validate=validate.OneOf(report_kind_codes()))


class FormatRefSchema(Schema):
    id = fields.String(required=True)
    version = fields.String(required=True)


class CycleSchema(Schema):
    code = fields.String(required=True, metadata={"description": 'Stable code, e.g. "2025-full".'})
    year = fields.Integer(required=True)
    kind = fields.String(
        required=True,
        validate=validate.OneOf(report_kind_codes()),
        metadata={"description": "Report kind, as the cycle's format declares it."},
    )
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)
    due_date = fields.Date(required=True)
    format = fields.Nested(FormatRefSchema, required=True)
