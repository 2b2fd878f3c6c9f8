"""The data model, one aggregate per module; imported here so Alembic sees every table."""
from .convention import Convention, PartyMembership
from .party import Party, RegionalGroup
from .user import Role, User, UserConvention
from .cycle import ReportingCycle
from .report import Report, ReportStatus
from .answer import Answer, AnswerCell, AnswerState
from .attachment import Attachment
from .submission import Submission
from .audit import AuditEvent
from .review import AnswerQuery, OutboxMessage, OutboxStatus, QueryMessage, QueryStatus, Reminder
from .api import ApiCall, ApiClient, ChangeEvent, DeliveryStatus, Webhook, WebhookDelivery
from .job import Job, JobStatus
from .notification import Notification
from .format_version import FormatVersion

__all__ = [
    "Answer", "AnswerCell", "AnswerState", "Attachment", "AuditEvent", "Convention", "Party",
    "PartyMembership",
    "RegionalGroup", "Report", "ReportStatus", "ReportingCycle", "Role",
    "Submission", "User", "UserConvention",
    "AnswerQuery", "OutboxMessage", "OutboxStatus", "QueryMessage", "QueryStatus", "Reminder",
    "ApiCall", "ApiClient", "ChangeEvent", "DeliveryStatus", "Webhook", "WebhookDelivery",
    "Job", "JobStatus", "Notification", "FormatVersion",
]
