"""Translated names of the codes the secretariat's pages show (statuses, regions, ...)."""

from flask_babel import lazy_gettext as _l

from ..queries.presentation import QUERY_STATUS_LABELS  # noqa: F401  (one list of names)
from ..questionnaire.states import (  # noqa: F401  (one list of names)
    STATE_LABELS as ANSWER_STATE_LABELS,
)
from ..regions import REGION_LABELS, REGION_SHORT_LABELS, label  # noqa: F401  (one list of names)
from ..reports.status_labels import STATUS_LABELS  # noqa: F401  (one list of names)

TIMELINESS_LABELS = {
    "on_time": _l("On time"),
    "late": _l("Late"),
    "overdue": _l("Overdue"),
    "pending": _l("Not yet due"),
}

ROLE_LABELS = {
    "focal_point": _l("National focal point"),
    "contributor": _l("Contributor"),
    "secretariat": _l("Secretariat"),
    "admin": _l("Administrator"),
}

OUTBOX_STATUS_LABELS = {
    "queued": _l("Queued (no mail server)"),
    "sending": _l("Being sent"),  #: queued for the configured mail server's worker
    "sent": _l("Sent"),
    "failed": _l("Failed"),
    "no_recipient": _l("No active focal point"),
}

JOB_STATUS_LABELS = {
    "queued": _l("Waiting for a worker"),
    "running": _l("Running"),
    "done": _l("Ready"),
    "failed": _l("Job failed"),
}

JOB_KIND_LABELS = {
    "export": _l("Data export"),
    "report_bundle": _l("Report download (XLSX and attachments)"),
    "cycle_pdfs": _l("PDFs of a cycle"),
}

EXPORT_SHAPE_LABELS = {
    "long": _l("Long: one row per answer"),
    "wide": _l("Wide: one row per report"),
    "codebook": _l("Codebook: one row per question"),
    "datapackage": _l("Data package: long, wide and codebook as CSV in a zip"),
}

AUDIT_ACTION_LABELS = {
    "report.start": _l("Report started"),
    "report.submit": _l("Submitted"),
    "report.return": _l("Returned for revision"),
    "report.accept": _l("Accepted"),
    "query.ask": _l("Query raised"),
    "notification.published": _l("Publication announced to the Party"),
    "query.reply": _l("Query answered"),
    "query.follow_up": _l("Query followed up"),
    "query.resolve": _l("Query resolved"),
    "reminder.send": _l("Reminder sent"),
}
