"""Dates."""
from datetime import date

from flask_babel import gettext as _
from marshmallow import fields
from wtforms import StringField
from wtforms.widgets import DateInput

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

    def form_field(self, spec, label=None, *, in_table=False, **options):
        # A text field with a date picker: an unparsable date is still shown back as typed.
        return StringField(label, widget=DateInput())

    def form_data(self, spec, value):
        return value.isoformat() if isinstance(value, date) else super().form_data(spec, value)
