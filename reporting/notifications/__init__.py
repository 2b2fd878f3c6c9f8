"""Notifications: what a person is told about the review of their reports.

- `events`: one function per event (`report_submitted`, `query_asked`, `query_answered`,
  `report_returned`, `report_accepted`, `report_published`; `work_assigned`,
  `work_ready` for the work shared across a Party's team), called by the domain
  functions where the event happens (`reports.workflow`, `queries.threads`);
- `send`: who is told (`recipients`), a `Notification` row per recipient and one mail each
  through `send_mail` (delivered by the task queue after commit), in the recipient's
  language, with an absolute link; an event is told once (a repeated event is skipped);
- `messages`: the translated sentence of each kind (the home page and the mail share it);
- `inbox`: a user's notifications, newest first, and marking them read.

Like the domain modules, everything here flushes; the request (or the task) commits.
"""

from .events import (
    query_answered,
    query_asked,
    report_accepted,
    report_published,
    report_returned,
    report_submitted,
    work_assigned,
    work_ready,
)

__all__ = [
    "query_answered",
    "query_asked",
    "report_accepted",
    "report_published",
    "report_returned",
    "report_submitted",
    "work_assigned",
    "work_ready",
]
