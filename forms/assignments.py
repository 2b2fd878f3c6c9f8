"""Sharing a report's work: assigning pages or questions, marking one's part ready, and
handing the focal-point role over."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, PasswordField, SelectField
from wtforms.validators import DataRequired, Length

from .base import BaseForm


class AssignForm(BaseForm):
    """An article or a question, and who does it. The choices are the report's (set by
    the view); the domain checks the values, so a stale page says why in words."""

    item = SelectField(
        _l("Article or question"),
        validate_choice=False,
        validators=[DataRequired(_l("Choose an article or a question."))],
    )
    person = SelectField(
        _l("Assigned to"),
        validate_choice=False,
        validators=[DataRequired(_l("Choose a contributor of your team."))],
    )


class UnassignForm(BaseForm):
    """A CSRF-protected button."""


class ReadyForm(BaseForm):
    #: "1": ready for the focal point; "0": not ready after all.
    ready = HiddenField(validators=[Length(max=1)])


class HandOverForm(BaseForm):
    colleague = SelectField(
        _l("Your colleague who becomes the national focal point"),
        validate_choice=False,
        validators=[DataRequired(_l("Choose the colleague who takes over."))],
    )
    password = PasswordField(
        _l("Your password"),
        validators=[DataRequired(_l("Enter your password to confirm."))],
    )
    confirm = BooleanField(
        _l("I understand that I will no longer be the national focal point."),
        validators=[DataRequired(_l("Tick the box to confirm the handover."))],
    )
