"""Words for codes that PDFs print: answer states, people (report kinds: their format's)."""
from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..models import Submission, User

#: Answer states other than a value.
STATE_LABELS = {
    "not_applicable": _l("Not applicable"),
    "none": _l("None / zero"),
    "not_available": _l("Information not available"),
}

def state_label(state: str) -> str:
    return str(STATE_LABELS.get(state, state))


def submitter_label(submission: Submission) -> str:
    """Who submitted a version: "Name <e-mail>" (a dash if the account is gone)."""
    user = submission.submitted_by_id and db.session.get(User, submission.submitted_by_id)
    if not user:
        return "—"
    return f"{user.name} <{user.email}>" if user.name else user.email
