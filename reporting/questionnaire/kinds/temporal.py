"""Dates."""
from flask_babel import gettext as _
from marshmallow import fields

from .base import AnswerKind, error_messages, register


@register
class Date(AnswerKind):
    name = "date"
    storage = "date"

    def field(self, spec):
        return fields.Date(
            allow_none=True,
            error_messages=error_messages(invalid=_("Enter a date as YYYY-MM-DD.")),
        )

    def display(self, spec, value):
        return "" if value is None else value.isoformat()
