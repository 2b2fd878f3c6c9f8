"""Writing the audit trail. Callers flush; the request commits once.

Downloads and exports of national data are recorded too (`download.*`, `export.*`: who
or which API client, the report or Party, the parameters): one insert each, committed by
the download view (a GET request that changes nothing else) or, in the API, with the
call log. In a reading request, recording announces the write first (`will_write`).
"""

from collections.abc import Sequence

from flask import has_request_context, request
from sqlalchemy import insert

from .database import will_write
from .extensions import db
from .models import AuditEvent


def record(
    action: str, user=None, report=None, party_id: int | None = None, **details
) -> AuditEvent:
    """Record who did what (and from where, inside a request)."""
    event = AuditEvent(
        action=action,
        user_id=getattr(user, "id", None),
        report_id=getattr(report, "id", None),
        party_id=party_id if party_id is not None else getattr(report, "party_id", None),
        details=details or None,
    )
    for name, value in _client().items():
        setattr(event, name, value)
    will_write(db.session)
    db.session.add(event)
    return event


def _client() -> dict:
    """Where the request came from: the address (the real client's behind a declared
    proxy, see `ORT_TRUSTED_PROXIES`) and the browser, as text a column takes (a header
    may carry a NUL, which PostgreSQL refuses)."""
    if not has_request_context():
        return {"ip_address": None, "user_agent": None}
    agent = (request.user_agent.string or "").replace("\x00", "\ufffd")[:300]
    return {"ip_address": (request.remote_addr or "")[:45] or None, "user_agent": agent or None}


def record_many(action: str, user=None, report=None, details: Sequence[dict] = ()) -> None:
    """Record one event of `action` per item of `details` (e.g. every answer a save
    changed) in a single INSERT: the ORM would write them one by one on SQLite."""
    if not details:
        return
    where = _client()
    common = {
        "action": action,
        "user_id": getattr(user, "id", None),
        "report_id": getattr(report, "id", None),
        "party_id": getattr(report, "party_id", None),
        **where,
    }
    will_write(db.session)
    db.session.execute(insert(AuditEvent), [{**common, "details": d} for d in details])
