"""The data model, one aggregate per module; imported here so Alembic sees every table."""

from .answer import Answer, AnswerCell, AnswerState
from .api import ApiCall, ApiClient, ChangeEvent, DeliveryStatus, Webhook, WebhookDelivery
from .assignment import Assignment
from .attachment import Attachment
from .audit import AuditEvent
from .convention import Convention, PartyMembership
from .cycle import ReportingCycle
from .format_version import FormatVersion
from .job import Job, JobStatus
from .notification import Notification
from .party import Party, RegionalGroup
from .report import Report, ReportStatus
from .review import AnswerQuery, OutboxMessage, OutboxStatus, QueryMessage, QueryStatus, Reminder
from .submission import Submission
from .user import Role, User, UserConvention

__all__ = [
    "Answer",
    "AnswerCell",
    "AnswerState",
    "Assignment",
    "Attachment",
    "AuditEvent",
    "Convention",
    "Party",
    "PartyMembership",
    "RegionalGroup",
    "Report",
    "ReportStatus",
    "ReportingCycle",
    "Role",
    "Submission",
    "User",
    "UserConvention",
    "AnswerQuery",
    "OutboxMessage",
    "OutboxStatus",
    "QueryMessage",
    "QueryStatus",
    "Reminder",
    "ApiCall",
    "ApiClient",
    "ChangeEvent",
    "DeliveryStatus",
    "Webhook",
    "WebhookDelivery",
    "Job",
    "JobStatus",
    "Notification",
    "FormatVersion",
]
