"""Forms around a report's pages: starting, submitting, and other one-button actions."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField

from .base import BaseForm


class ActionForm(BaseForm):
    """A CSRF-protected button (start a report, log out ...)."""


class SubmitReportForm(BaseForm):
    #: Report.lock_version when the focal point checked the report.
    lock_version = HiddenField()
    confirm_warnings = BooleanField(
        _l("I have checked the warnings above and the answers are correct.")
    )
