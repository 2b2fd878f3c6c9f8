"""Forms of a report's offline workbook: uploading it back, and confirming its changes."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField

from .base import BaseForm


class UploadWorkbookForm(BaseForm):
    workbook = FileField(
        _l("Filled-in workbook (.xlsx)"),
        validators=[FileRequired(_l("Choose the workbook (.xlsx) to upload."))],
        render_kw={"accept": ".xlsx"},
    )


class ConfirmImportForm(BaseForm):
    #: The preview's changes, signed (`reporting.offline.preview.sign`).
    changes = HiddenField()
