"""Values that refer to something: a country, an e-mail address, a web address, a file."""
from flask_babel import gettext as _
from marshmallow import fields, validate

from ..countries import country_codes, country_name
from .base import AnswerKind, error_messages, register


@register
class Country(AnswerKind):
    name = "country"

    def field(self, spec):
        return fields.String(
            allow_none=True,
            validate=validate.OneOf(country_codes(), error=_("Choose a country from the list.")),
            error_messages=error_messages(invalid=_("Choose a country from the list.")),
        )

    def display(self, spec, value):
        return "" if value is None else country_name(value)


@register
class Email(AnswerKind):
    name = "email"

    def field(self, spec):
        message = _("Enter an e-mail address like name@example.org.")
        return fields.String(
            allow_none=True,
            validate=[validate.Length(max=254, error=message), validate.Email(error=message)],
            error_messages=error_messages(invalid=message),
        )


@register
class Url(AnswerKind):
    name = "url"

    def field(self, spec):
        message = _("Enter a web address starting with http:// or https://.")
        return fields.String(
            allow_none=True,
            validate=[
                validate.Length(max=2000, error=message),
                validate.URL(schemes={"http", "https"}, error=message),
            ],
            error_messages=error_messages(invalid=message),
        )


@register
class File(AnswerKind):
    """An uploaded file; the value is the attachment's public token."""

    name = "file"
    in_tables = False

    def field(self, spec):
        return fields.String(
            allow_none=True,
            validate=validate.Regexp(r"^[A-Za-z0-9_-]{16,64}$", error=_("Upload a file.")),
            error_messages=error_messages(invalid=_("Upload a file.")),
        )
