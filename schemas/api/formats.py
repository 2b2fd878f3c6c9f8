"""Reporting formats: the whole questionnaire as data, texts in the requested language.

The output mirrors `reporting.questionnaire.serialize.format_as_dict`.
"""
from marshmallow import Schema, fields, validate

from reporting.questionnaire.kinds import kind_names

from .common import LanguageQuery

#: The registered answer kinds: a new kind appears in the API's schema by itself.
KINDS = kind_names()
STATES = ["value", "not_applicable", "none", "not_available"]


class FormatQuery(LanguageQuery):
    pass


class ChoiceSchema(Schema):
    code = fields.String(required=True)
    label = fields.String(required=True)


class ColumnSchema(Schema):
    key = fields.String(required=True)
    label = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    required = fields.Boolean(required=True)
    unit = fields.String()
    choices = fields.List(fields.Nested(ChoiceSchema))


class QuestionSchema(Schema):
    key = fields.String(required=True, metadata={
        "description": "Stable key, followed across format versions and cycles."})
    number = fields.String(required=True)
    text = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    part = fields.String(required=True)
    section = fields.String(required=True)
    article = fields.String(required=True, allow_none=True)
    required = fields.Boolean(required=True)
    short = fields.Boolean(required=True, metadata={"description": "Asked in short reports."})
    personal = fields.Boolean(metadata={
        "description": "Identifies a person; never in published data."})
    help = fields.String()
    unit = fields.String()
    min = fields.Float()
    max = fields.Float()
    min_choices = fields.Integer()
    min_rows = fields.Integer()
    visible_if = fields.Dict(metadata={"description": "Condition under which it is asked."})
    required_if = fields.Dict()
    choices = fields.List(fields.Nested(ChoiceSchema))
    columns = fields.List(fields.Nested(ColumnSchema))
    states = fields.List(fields.String(validate=validate.OneOf(STATES)), required=True)


class SectionSchema(Schema):
    key = fields.String(required=True)
    title = fields.String(required=True)
    article = fields.String(required=True, allow_none=True)
    questions = fields.List(fields.Nested(QuestionSchema), required=True)


class PartSchema(Schema):
    key = fields.String(required=True)
    title = fields.String(required=True)
    in_every_report = fields.Boolean(required=True)
    sections = fields.List(fields.Nested(SectionSchema), required=True)


class RuleSchema(Schema):
    key = fields.String(required=True)
    severity = fields.String(required=True, validate=validate.OneOf(["error", "warning"]))
    check = fields.Dict(required=True)
    when = fields.Dict(required=True, allow_none=True)
    message = fields.String(required=True)
    questions = fields.List(fields.String(), required=True)


class FormatSummarySchema(Schema):
    id = fields.String(required=True)
    version = fields.String(required=True)
    title = fields.String(required=True)
    cycles = fields.List(fields.String(), required=True,
                         metadata={"description": "Codes of the cycles that use this version."})


class FormatSchema(FormatSummarySchema):
    language = fields.String(required=True)
    source = fields.String(required=True)
    short_report = fields.List(fields.String(), required=True,
                               metadata={"description": "Keys of the questions of a short report."})
    parts = fields.List(fields.Nested(PartSchema), required=True)
    rules = fields.List(fields.Nested(RuleSchema), required=True)
