"""The focal point's team: inviting and removing contributors."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from wtforms import EmailField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length

from reporting.i18n import LANGUAGE_NAMES

from .base import BaseForm


class InviteContributorForm(BaseForm):
    email = EmailField(
        _l("E-mail address"),
        validators=[
            DataRequired(_l("Enter the e-mail address of your colleague.")),
            Email(_l("Enter a valid e-mail address.")),
            Length(max=254),
        ],
    )
    name = StringField(_l("Name"), validators=[Length(max=200)])
    language = SelectField(_l("Language of the invitation"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = [
            SelectChoice(code, LANGUAGE_NAMES[code]) for code in current_app.config["ORT_LANGUAGES"]
        ]


class RemoveContributorForm(BaseForm):
    """A CSRF-protected button."""
