"""Short and long free text."""
from flask_babel import gettext as _
from marshmallow import fields, validate
from wtforms import TextAreaField

from .base import AnswerKind, error_messages, register


class _Text(AnswerKind):
    default_max: int

    def field(self, spec):
        maximum = getattr(spec, "max_length", None) or self.default_max
        return fields.String(
            allow_none=True,
            validate=validate.Length(max=maximum, error=_("Use at most {max} characters.")),
            error_messages=error_messages(invalid=_("Enter text.")),
        )


@register
class Text(_Text):
    name = "text"
    default_max = 500


@register
class LongText(_Text):
    name = "long_text"
    default_max = 20000

    def form_field(self, spec, label=None, *, in_table=False, **options):
        return TextAreaField(label, render_kw={"rows": 2 if in_table else 5})
