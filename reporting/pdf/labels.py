"""Words for codes that PDFs print: people (answer states: `questionnaire/states.py`;
report kinds: their format's, `questionnaire/report_kinds.py`)."""

from ..extensions import db
from ..models import Submission, User


def submitter_label(submission: Submission) -> str:
    """Who submitted a version: "Name <e-mail>" (a dash if the account is gone)."""
    user = submission.submitted_by_id and db.session.get(User, submission.submitted_by_id)
    if not user:
        return "—"
    return f"{user.name} <{user.email}>" if user.name else user.email
