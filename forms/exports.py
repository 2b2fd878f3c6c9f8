"""The secretariat's "Data exports" form: shape, format and the filters of
`reporting.exports.ExportFilters`. Choices (cycles, Parties, articles) are set by the
view from the database at request time."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, Optional

from forms.base import BaseForm


class ExportForm(BaseForm):
    shape = SelectField(_l("Shape"), validators=[DataRequired()])
    file_format = SelectField(
        _l("File format"),
        validators=[DataRequired()],
        description=_l("A data package is always a zip of CSV files."),
    )
    cycles = SelectMultipleField(
        _l("Reporting cycles"),
        validators=[Optional()],
        description=_l("None selected: every cycle."),
    )
    articles = SelectMultipleField(
        _l("Articles"), validators=[Optional()], description=_l("None selected: every article.")
    )
    questions = StringField(
        _l("Questions"),
        validators=[Optional(), Length(max=2000)],
        description=_l(
            "Question keys separated by spaces or commas, e.g. art3.exports. Empty: every question."
        ),
    )
    regions = SelectMultipleField(_l("Regional groups"), validators=[Optional()])
    parties = SelectMultipleField(
        _l("Parties"), validators=[Optional()], description=_l("None selected: every Party.")
    )
    statuses = SelectMultipleField(
        _l("Report statuses"),
        validators=[Optional()],
        description=_l("None selected: submitted and accepted reports (all four with drafts)."),
    )
    include_drafts = BooleanField(_l("Include drafts and reports returned for revision"))
    include_confidential = BooleanField(_l("Include confidential answers (marked as such)"))
    language = SelectField(_l("Language of labels"), validators=[DataRequired()])

    def question_keys(self) -> list[str]:
        return [k for k in (self.questions.data or "").replace(",", " ").split() if k]
