"""The data model, one aggregate per module; imported here so Alembic sees every table."""
from .party import Party, RegionalGroup
from .user import Role, User
from .cycle import ReportingCycle, ReportKind
from .report import Report, ReportStatus
from .answer import Answer, AnswerCell, AnswerState
from .attachment import Attachment
from .submission import Submission
from .audit import AuditEvent

__all__ = [
    "Answer", "AnswerCell", "AnswerState", "Attachment", "AuditEvent", "Party",
    "RegionalGroup", "Report", "ReportKind", "ReportStatus", "ReportingCycle", "Role",
    "Submission", "User",
]
