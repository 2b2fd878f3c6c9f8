"""Reports, their answers (typed, by question key) and their submitted versions."""

from marshmallow import Schema, fields, validate

from reporting.models import ReportStatus
from reporting.questionnaire.report_kinds import report_kind_codes
from reporting.questionnaire.states import STATES

from .common import CODE, PageQuery
from .parties import ISO3, REGIONS

STATUSES = [s.value for s in ReportStatus]


class ReportQuery(PageQuery):
    cycle = fields.String(
        validate=validate.Regexp(CODE), metadata={"description": 'Cycle code, e.g. "2025-full".'}
    )
    party = fields.String(validate=ISO3, metadata={"description": "Party ISO3 code."})
    region = fields.String(
        validate=validate.OneOf(REGIONS),
        metadata={"description": "UN regional group of the Party."},
    )
    status = fields.List(
        fields.String(validate=validate.OneOf(STATUSES)),
        metadata={
            "description": "Report statuses (repeat the parameter for several). Tokens with "
            "read:published see accepted, published reports only."
        },
    )
    updated_since = fields.AwareDateTime(
        metadata={
            "description": "Only reports updated (for read:published: published) at or after "
            "this time (ISO 8601 with a time zone). For complete incremental "
            "sync use /changes."
        }
    )


class PartyRefSchema(Schema):
    iso3 = fields.String(required=True)
    name = fields.String(required=True)
    regional_group = fields.String(required=True, validate=validate.OneOf(REGIONS))


class ReportSchema(Schema):
    id = fields.Integer(required=True)
    party = fields.Nested(PartyRefSchema, required=True)
    cycle = fields.String(required=True, metadata={"description": "Cycle code."})
    kind = fields.String(required=True, validate=validate.OneOf(report_kind_codes()))
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    language = fields.String(required=True)
    version = fields.Integer(
        required=True,
        allow_none=True,
        metadata={
            "description": "The version the answers come from: for read:published the "
            "accepted (published) version; for read:all the latest submitted one "
            "(null: never submitted, the answers are the working copy)."
        },
    )
    submitted_at = fields.AwareDateTime(required=True, allow_none=True)
    accepted_at = fields.AwareDateTime(required=True, allow_none=True)
    published_at = fields.AwareDateTime(
        required=True,
        allow_none=True,
        metadata={"description": "When the report became (or, under embargo, becomes) public."},
    )
    updated_at = fields.AwareDateTime(required=True)


class AnswerSchema(Schema):
    state = fields.String(required=True, validate=validate.OneOf(STATES))
    value = fields.Raw(
        required=True,
        allow_none=True,
        metadata={
            "description": "Typed by the question's kind: numbers as JSON numbers, dates as "
            "ISO 8601 strings, choices as codes (a list for multiple choice), "
            "tables as a list of rows keyed by column key; null unless the "
            "state is 'value'."
        },
    )
    comment = fields.String(allow_none=True)
    confidential = fields.Boolean(
        metadata={
            "description": "read:all only: the Party marked the answer confidential. Such "
            "answers are never shown to read:published tokens."
        }
    )


class ReportDetailSchema(ReportSchema):
    format = fields.Dict(required=True, metadata={"description": "Format id and version."})
    answers = fields.Dict(
        keys=fields.String(),
        values=fields.Nested(AnswerSchema),
        required=True,
        metadata={"description": "Answers by question key."},
    )


class VersionSchema(Schema):
    version = fields.Integer(required=True)
    submitted_at = fields.AwareDateTime(required=True)
    language = fields.String(required=True)
    format = fields.Dict(required=True)
    content_hash = fields.String(
        required=True, metadata={"description": "SHA-256 of the version's canonical JSON snapshot."}
    )
    published = fields.Boolean(
        required=True,
        metadata={"description": "This version was published (accepted and past any embargo)."},
    )


class VersionDetailSchema(VersionSchema):
    answers = fields.Dict(keys=fields.String(), values=fields.Nested(AnswerSchema), required=True)


class AttachmentSchema(Schema):
    """A file attached to an answer of a submitted version."""

    token = fields.String(required=True, metadata={"description": "The file's id in URLs."})
    question_key = fields.String(
        required=True, metadata={"description": "The question whose answer names the file."}
    )
    filename = fields.String(required=True)
    content_type = fields.String(required=True, metadata={"description": "Media type."})
    size = fields.Integer(required=True, metadata={"description": "Size in bytes."})
    url = fields.Url(required=True, metadata={"description": "Where to download it."})
