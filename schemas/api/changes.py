"""The change feed: events after a cursor, in the order they became visible."""

from marshmallow import Schema, fields, validate

from .common import MAX_ID, StrictQuery

EVENTS = [
    "report.published",
    "report.revised",
    "report.withdrawn",
    "report.submitted",
    "report.returned",
    "report.accepted",
]
PUBLISHED_EVENTS = EVENTS[:3]


class ChangeQuery(StrictQuery):
    after = fields.Integer(
        load_default=0,
        validate=validate.Range(min=0, max=MAX_ID),
        metadata={
            "description": "The cursor of the last change already processed (0: from the start)."
        },
    )
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=1000))


class ChangeReportSchema(Schema):
    id = fields.Integer(required=True)
    party = fields.String(required=True, metadata={"description": "Party ISO3 code."})
    cycle = fields.String(required=True, metadata={"description": "Cycle code."})
    url = fields.String(required=True, metadata={"description": "Path of the report resource."})


class ChangeSchema(Schema):
    cursor = fields.Integer(
        required=True,
        metadata={"description": "Position in the feed: strictly increasing, never reused."},
    )
    event = fields.String(
        required=True,
        validate=validate.OneOf(EVENTS),
        metadata={
            "description": "read:published tokens see report.published, .revised and "
            ".withdrawn; read:all tokens every event."
        },
    )
    version = fields.Integer(required=True, allow_none=True)
    occurred_at = fields.AwareDateTime(
        required=True,
        metadata={
            "description": "When the change became visible (an embargo's end for a publication)."
        },
    )
    report = fields.Nested(ChangeReportSchema, required=True)


class ChangePageSchema(Schema):
    items = fields.List(fields.Nested(ChangeSchema), required=True)
    next_cursor = fields.Integer(
        required=True,
        metadata={
            "description": "Pass as `after` next time; store it once the items are processed."
        },
    )
    has_more = fields.Boolean(required=True)
