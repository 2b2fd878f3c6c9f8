"""Dates."""

from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import fields
from wtforms import StringField
from wtforms.widgets import DateInput

from .base import AnswerKind, PaperBox, error_messages, register


@register
class Date(AnswerKind):
    name = "date"
    storage = "date"
    client_check = "date"
    text_direction = "ltr"
    export_column = "value_date"
    export_type = "date"
    pdf_width = 1.1
    paper_box = PaperBox(_l("Date"))

    def field(self, spec):
        return fields.Date(
            allow_none=True,
            error_messages=error_messages(invalid=_("Enter a date as YYYY-MM-DD.")),
        )

    def display(self, spec, value):
        return "" if value is None else value.isoformat()

    def localized(self, spec, value):
        if isinstance(value, date):
            return format_date(value, "long")
        return super().localized(spec, value)

    def sample(self, spec, rng, *, year=2024, rows=2):
        return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

    def form_field(self, spec, label=None, *, in_table=False, **options):
        # A text field with a date picker: an unparsable date is still shown back as typed.
        return StringField(label, widget=DateInput())

    def form_data(self, spec, value):
        return value.isoformat() if isinstance(value, date) else super().form_data(spec, value)
