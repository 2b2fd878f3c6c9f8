"""The Party's reply to a query."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, TextAreaField
from wtforms.validators import DataRequired, Length

from .base import BaseForm


class ReplyForm(BaseForm):
    text = TextAreaField(_l("Your reply"), validators=[DataRequired(), Length(max=5000)])
    #: Where to go back to (the report page that included the thread).
    next = HiddenField()
