"""Forms of the secretariat's pages (Flask-WTF: CSRF on every one; no NUL in any field)."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from .base import BaseForm


class ReturnForm(BaseForm):
    message = TextAreaField(
        _l("What needs to be revised"), validators=[DataRequired(), Length(max=5000)]
    )


class AcceptForm(BaseForm):
    embargo_until = DateField(
        _l("Embargo until (optional)"),
        validators=[Optional()],
        description=_l(
            "Leave empty to publish at once. An embargoed report is published on "
            "this date (00:00 UTC)."
        ),
    )
    #: Accept although queries are still open (the page asked first).
    confirm_open_queries = BooleanField(_l("Accept anyway"))


class AskQueryForm(BaseForm):
    question_key = HiddenField(validators=[DataRequired(), Length(max=120)])
    row = IntegerField(_l("Row (optional)"), validators=[Optional(), NumberRange(min=1, max=10000)])
    column = StringField(_l("Column (optional)"), validators=[Optional(), Length(max=60)])
    text = TextAreaField(_l("Your query"), validators=[DataRequired(), Length(max=5000)])


class MessageForm(BaseForm):
    """Follow up on a query (required text) or resolve it (optional last word)."""

    text = TextAreaField(_l("Message"), validators=[Optional(), Length(max=5000)])


class ReminderForm(BaseForm):
    parties = SelectMultipleField(_l("Parties to remind"), coerce=int, validators=[DataRequired()])
    note = TextAreaField(
        _l("Note added to the reminder (optional)"), validators=[Optional(), Length(max=2000)]
    )


class UserForm(BaseForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("Name"), validators=[Optional(), Length(max=200)])
    #: The roles the current user may create (set by the view, as the Parties and languages).
    role = SelectField(_l("Role"), choices=[])
    party = SelectField(_l("Party (focal points and contributors)"), coerce=int, choices=[])
    convention = SelectField(_l("Convention (focal points and contributors)"), choices=[])
    language = SelectField(_l("Preferred language"), choices=[])


class CycleForm(BaseForm):
    """A reporting cycle's period, due date and format version (the format choices are
    set by the view, from the formats of the user's conventions)."""

    period_start = DateField(_l("Reporting period starts on"), validators=[InputRequired()])
    period_end = DateField(_l("Reporting period ends on"), validators=[InputRequired()])
    due_date = DateField(_l("Due date"), validators=[InputRequired()])
    format = SelectField(
        _l("Format version"),
        choices=[],
        description=_l("It cannot change once a report of the cycle exists."),
    )


class NewCycleForm(CycleForm):
    """A cycle to add: its convention, code, kind and year, and the fields of a cycle."""

    convention = SelectField(_l("Convention"), choices=[])
    code = StringField(
        _l("Code"),
        validators=[InputRequired(), Length(max=32)],
        description=_l(
            "Lower-case letters, digits and hyphens, e.g. 2029-full. "
            "It is part of addresses and exports: it cannot change."
        ),
    )
    kind = SelectField(_l("Report kind"), choices=[])
    year = IntegerField(
        _l("Year"),
        validators=[InputRequired()],
        description=_l("The year the reports are due, as in the code."),
    )
