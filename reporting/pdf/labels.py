"""Words for codes that PDFs print: answer states, report kinds, people."""
from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..models import Submission, User
from ..questionnaire.states import STATE_LABELS, state_label  # noqa: F401  (one list of names)

KIND_LABELS = {
    "short": _l("Short report (every two years)"),
    "full": _l("Full report (every four years)"),
}


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


def submitter_label(submission: Submission) -> str:
    """Who submitted a version: "Name <e-mail>" (a dash if the account is gone)."""
    user = submission.submitted_by_id and db.session.get(User, submission.submitted_by_id)
    if not user:
        return "—"
    return f"{user.name} <{user.email}>" if user.name else user.email
