"""Webhooks a client registers to be told of changes, and their deliveries."""

from marshmallow import RAISE, Schema, fields, validate

from .changes import EVENTS, PUBLISHED_EVENTS
from .common import PageQuery

#: Printable ASCII only: international names in punycode, other characters %-escaped.
ASCII_URL = r"^https?://[!-~]+$"


class WebhookIn(Schema):
    class Meta:
        unknown = RAISE

    url = fields.Url(
        required=True,
        schemes={"http", "https"},
        require_tld=False,
        validate=[
            validate.Length(max=2000),
            validate.Regexp(ASCII_URL, error="Give the URL in ASCII (punycode host, %-escapes)."),
        ],
        metadata={
            "description": "Where to POST events (HTTPS in production); a public address.",
            "format": "uri",
            "pattern": ASCII_URL,
        },
    )
    events = fields.List(
        fields.String(validate=validate.OneOf(EVENTS)),
        load_default=lambda: list(PUBLISHED_EVENTS),
        validate=validate.Length(min=1, max=len(EVENTS)),
        metadata={"description": "Events to send (default: publications)."},
    )


class WebhookSchema(Schema):
    id = fields.Integer(required=True)
    url = fields.String(required=True)
    events = fields.List(fields.String(validate=validate.OneOf(EVENTS)), required=True)
    active = fields.Boolean(required=True)
    created_at = fields.AwareDateTime(required=True)


class WebhookCreatedSchema(WebhookSchema):
    secret = fields.String(
        required=True,
        metadata={
            "description": "Key of the HMAC-SHA256 signature of every delivery. Shown only once."
        },
    )


class DeliveryQuery(PageQuery):
    pass


class DeliverySchema(Schema):
    id = fields.Integer(required=True)
    event = fields.String(required=True, validate=validate.OneOf(EVENTS))
    cursor = fields.Integer(required=True, metadata={"description": "The change's feed cursor."})
    status = fields.String(
        required=True, validate=validate.OneOf(["pending", "delivered", "failed"])
    )
    attempts = fields.Integer(required=True)
    next_attempt_at = fields.AwareDateTime(required=True, allow_none=True)
    last_attempt_at = fields.AwareDateTime(required=True, allow_none=True)
    delivered_at = fields.AwareDateTime(required=True, allow_none=True)
    response_code = fields.Integer(required=True, allow_none=True)
    error = fields.String(required=True, allow_none=True)
