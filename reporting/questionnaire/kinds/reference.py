"""Values that refer to something: a country, an e-mail address, a web address, a file."""

from functools import lru_cache

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from marshmallow import fields, validate
from wtforms import (
    BooleanField,
    Form,
    FormField,
    HiddenField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.widgets import EmailInput, URLInput

from ...geography.names import common_name
from ...i18n import input_locale
from ..countries import country_choices, country_codes, country_name
from ..definition import Column
from .base import AnswerKind, PaperBox, error_messages, register

#: The id of the page's <datalist> of country names (reports/page.html).
COUNTRY_DATALIST = "country-names"


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    return frozenset(country_codes())


@lru_cache(maxsize=8)
def _codes_by_name(locale: str) -> dict[str, str]:
    """Codes by name: the UN names in English and `locale`, and (where no UN name is the
    same) the common CLDR names people type ("Bolivia", "Russie")."""
    names: dict[str, str] = {}
    for namer, language in (
        (common_name, "en"),
        (common_name, locale),
        (country_name, "en"),
        (country_name, locale),
    ):
        for code in _codes():
            name = namer(code, language)
            if name:
                names[name.casefold()] = code
    return names


@register
class Country(AnswerKind):
    name = "country"
    export_column = "value_code"
    pdf_width = 1.6
    paper_box = PaperBox(_l("Country"))
    #: Table cells suggest country names from one list on the page.
    datalist = COUNTRY_DATALIST

    def field(self, spec):
        return fields.String(
            allow_none=True,
            validate=validate.OneOf(country_codes(), error=_("Choose a country from the list.")),
            error_messages=error_messages(invalid=_("Choose a country from the list.")),
        )

    def display(self, spec, value):
        return "" if value is None else country_name(value)

    def code_label(self, code, language):
        return country_name(code, language)

    def sample(self, spec, rng, *, year=2024, rows=2):
        return rng.choice(["DEU", "IND", "BRA", "CHN", "KEN", "FRA"])

    def form_field(self, spec, label=None, *, in_table=False, **options):
        if in_table:
            # One <select> of ~250 countries per row would weigh ~10 KB a row: table cells
            # take a name (or code) with suggestions from a single list on the page.
            return StringField(label, render_kw={"list": self.datalist, "autocomplete": "off"})
        choices = [SelectChoice("", _("Choose a country"))] + [
            SelectChoice(code, name) for code, name in country_choices()
        ]
        return SelectField(label, choices=choices, validate_choice=False)

    def form_data(self, spec, value):
        if isinstance(spec, Column) and isinstance(value, str) and value in _codes():
            return country_name(value)  # a table cell shows the name
        return super().form_data(spec, value)

    def form_value(self, spec, data):
        """A code for a country's code or name (in the user's language or English)."""
        text = super().form_value(spec, data)
        if not isinstance(text, str):
            return text
        if text.upper() in _codes():
            return text.upper()
        return _codes_by_name(input_locale()).get(text.casefold(), text)


@register
class Email(AnswerKind):
    name = "email"
    client_check = "text"
    text_direction = "ltr"
    pdf_width = 1.8
    paper_box = PaperBox(_l("E-mail address"))

    def sample(self, spec, rng, *, year=2024, rows=2):
        return "focal.point@example.org"

    def field(self, spec):
        message = _("Enter an e-mail address like name@example.org.")
        return fields.String(
            allow_none=True,
            validate=[validate.Length(max=254, error=message), validate.Email(error=message)],
            error_messages=error_messages(invalid=message),
        )

    def form_field(self, spec, label=None, *, in_table=False, **options):
        return StringField(label, widget=EmailInput())


@register
class Url(AnswerKind):
    name = "url"
    client_check = "text"
    text_direction = "ltr"
    pdf_width = 1.8
    paper_box = PaperBox(_l("Web address (http:// or https://)"), full_width=True)

    def sample(self, spec, rng, *, year=2024, rows=2):
        return "https://www.example.org/mercury"

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

    def form_field(self, spec, label=None, *, in_table=False, **options):
        return StringField(label, widget=URLInput())


@register
class File(AnswerKind):
    """An uploaded file; the value is the attachment's public token."""

    name = "file"
    in_tables = False
    attachment = True
    paper_box = PaperBox(
        _l("Attach the document when you enter the report online."), height=28, full_width=True
    )

    def field(self, spec):
        return fields.String(
            allow_none=True,
            validate=validate.Regexp(r"^[A-Za-z0-9_-]{16,64}$", error=_("Upload a file.")),
            error_messages=error_messages(invalid=_("Upload a file.")),
        )

    def form_field(self, spec, label=None, *, in_table=False, accept=None, **options):
        """A file input, the current attachment's token, and a box to remove it."""

        class FileAnswer(Form):
            upload = FileField(_l("Choose a file"), render_kw={"accept": accept} if accept else {})
            current = HiddenField()
            remove = BooleanField(_l("Remove the file"))

        return FormField(FileAnswer, label)

    def form_data(self, spec, value):
        return {"current": "" if value is None else str(value)}

    def form_value(self, spec, data):
        """A new upload (a werkzeug FileStorage, stored by the caller), else the kept token."""
        data = data or {}
        if data.get("upload"):
            return data["upload"]
        if data.get("remove"):
            return None
        return (data.get("current") or "").strip() or None
