"""The one list of report status names people read, shared by pages, exports and PDFs."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

#: In workflow order; "not_started" is a Party and cycle without a report yet.
STATUS_LABELS = {
    "not_started": _l("Not started"),
    "draft": _l("Draft"),
    "submitted": _l("Submitted"),
    "returned": _l("Returned for revision"),
    "accepted": _l("Accepted"),
}


def status_label(status) -> str:
    """The translated name of a status given as a ReportStatus or its code."""
    code = getattr(status, "value", status)
    return str(STATUS_LABELS.get(code, code))
