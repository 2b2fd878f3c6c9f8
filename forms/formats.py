"""The secretariat's "Reporting formats" forms: upload a format workbook, confirm it."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField
from wtforms.validators import DataRequired

from forms.base import BaseForm


class FormatUploadForm(BaseForm):
    workbook = FileField(
        _l("Format workbook (XLSX)"),
        validators=[FileRequired(_l("Choose a workbook file."))],
        description=_l("A workbook downloaded from this page, edited. At most 10 MB."),
    )


class FormatConfirmForm(BaseForm):
    #: The checked workbook's format and translations, signed (the app keeps no state
    #: between the preview and the confirmation).
    payload = HiddenField(validators=[DataRequired()])
