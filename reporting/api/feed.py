"""The change feed: what a syncing client must learn, in an order it can trust.

Recording. A flush listener notices a report's status, publication time or version
changing and writes `ChangeEvent`s: `submitted`, `returned`, `accepted` (for `read:all`
clients) and, for everyone, `published` (first publication), `revised` (a newer version
published) and `withdrawn` (no longer public). A publication under embargo is recorded
with `visible_from` at the embargo's end. Nothing in the workflow has to call this.

Sequencing. An event gets its feed position `seq` only once it is visible, under a lock
held to the end of the transaction (PostgreSQL advisory lock; SQLite already lets one
writer at a time). So positions are handed out in commit order: a reader that saw position
n has seen every position below n, and an embargoed publication surfacing later takes a
new, higher position instead of appearing behind a client's cursor. Due events are
sequenced by the next flush that records events, by the feed request itself, and by
the worker's periodic sweep (or `ort webhooks deliver`); webhook deliveries are queued as
events are sequenced, and each is sent to the task queue once its transaction commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import chain
from typing import Any

from sqlalchemy import Connection, delete, event, func, insert, inspect, select, update
from sqlalchemy.orm import Session, scoped_session

from ..database import will_write
from ..models import (
    ApiClient,
    ChangeEvent,
    DeliveryStatus,
    Party,
    Report,
    ReportingCycle,
    ReportStatus,
    Webhook,
    WebhookDelivery,
)
from ..models.types import utcnow
from ..tasks.dispatch import enqueue_after_commit

API_REPORTS_PATH = "/api/v1/reports/"
#: The task that sends one webhook delivery (`reporting.tasks.webhooks`).
DELIVER_WEBHOOK = "reporting.tasks.webhooks.deliver_webhook"
PUBLICATION = ("published", "revised")
PUBLIC_AUDIENCE, ALL_AUDIENCE = "published", "all"
_WORKFLOW_EVENTS = (ReportStatus.submitted, ReportStatus.returned, ReportStatus.accepted)
#: Key of the PostgreSQL advisory lock that orders feed positions ("ORT" in ASCII).
_LOCK_KEY = 0x4F5254


def _keep_old_value(target, value, oldvalue, initiator):
    return value


def listen() -> None:
    """Record report changes on every flush (once per process: the listeners are the
    `Session` class's and the `Report` model's)."""
    if event.contains(Session, "after_flush", _record_report_changes):
        return
    # Load a report's previous value when these change, even if it was expired (after a
    # commit): the flush listener compares old and new to know what happened.
    for attribute in (Report.status, Report.publish_after, Report.submitted_versions):
        event.listen(attribute, "set", _keep_old_value, active_history=True)
    event.listen(Session, "after_flush", _record_report_changes)


@dataclass(frozen=True)
class ReportChange:
    report_id: int
    old_status: ReportStatus | None
    new_status: ReportStatus
    old_public_at: datetime | None  #: publication time while it was accepted
    new_public_at: datetime | None
    old_version: int | None
    new_version: int


def _old_and_new(report: Report, name: str, is_new: bool):
    value = getattr(report, name)
    if is_new:
        return None, value
    history = inspect(report).attrs[name].history
    if not history.has_changes():
        return value, value
    return (history.deleted[0] if history.deleted else None), value


def report_change(report: Report, is_new: bool) -> ReportChange | None:
    old_status, new_status = _old_and_new(report, "status", is_new)
    old_at, new_at = _old_and_new(report, "publish_after", is_new)
    old_version, new_version = _old_and_new(report, "submitted_versions", is_new)
    change = ReportChange(
        report_id=report.id,
        old_status=old_status,
        new_status=new_status,
        old_public_at=old_at if old_status == ReportStatus.accepted else None,
        new_public_at=new_at if new_status == ReportStatus.accepted else None,
        old_version=old_version,
        new_version=new_version or 0,
    )
    workflow = change.old_status != change.new_status and change.new_status in _WORKFLOW_EVENTS
    publication = change.old_public_at != change.new_public_at or (
        change.new_public_at is not None and old_version != new_version
    )
    # Anything else (a new draft, an edit) takes no lock and writes nothing.
    return change if workflow or publication else None


def _record_report_changes(session: Session, flush_context) -> None:
    changes = [
        change
        for change in (
            report_change(obj, obj in session.new)
            for obj in chain(session.new, session.dirty)
            if isinstance(obj, Report)
        )
        if change is not None
    ]
    if not changes:
        return
    connection = session.connection()
    now = utcnow()
    queued: list[int] = []
    sequence_due(connection, now, queued)  # publications already due come before these changes
    for change in changes:
        record(connection, change, now)
    sequence_due(connection, now, queued)
    send_deliveries_after_commit(session, queued)


def record(connection: Connection, change: ReportChange, now: datetime) -> None:
    """Write the events one report change means (see the module docstring)."""
    rows: list[dict[str, Any]] = []
    if change.new_status != change.old_status and change.new_status in _WORKFLOW_EVENTS:
        rows.append(
            dict(
                event=change.new_status.value,
                audience=ALL_AUDIENCE,
                version_no=change.new_version,
                visible_from=now,
            )
        )
    # Publications planned but not yet visible are replaced by what holds now.
    connection.execute(
        delete(ChangeEvent).where(
            ChangeEvent.report_id == change.report_id,
            ChangeEvent.seq.is_(None),
            ChangeEvent.event.in_(PUBLICATION),
        )
    )
    was_public = change.old_public_at is not None and change.old_public_at <= now
    public_now = change.new_public_at is not None and change.new_public_at <= now
    if was_public and public_now and change.old_version == change.new_version:
        pass  # still public, same content
    elif was_public and public_now:
        rows.append(
            dict(
                event="revised",
                audience=PUBLIC_AUDIENCE,
                version_no=change.new_version,
                visible_from=now,
            )
        )
    else:
        if was_public:
            rows.append(
                dict(
                    event="withdrawn",
                    audience=PUBLIC_AUDIENCE,
                    version_no=change.old_version,
                    visible_from=now,
                )
            )
        if change.new_public_at is not None:
            last = _last_published_version(connection, change.report_id)
            kind = "revised" if last is not None and last != change.new_version else "published"
            # Not before now: nobody could have seen it earlier, and the feed stays in
            # the order things were recorded (accepted, then published).
            rows.append(
                dict(
                    event=kind,
                    audience=PUBLIC_AUDIENCE,
                    version_no=change.new_version,
                    visible_from=max(change.new_public_at, now),
                )
            )
    if rows:
        connection.execute(
            insert(ChangeEvent),
            [{**row, "report_id": change.report_id, "created_at": now} for row in rows],
        )


def _last_published_version(connection: Connection, report_id: int) -> int | None:
    return connection.execute(
        select(ChangeEvent.version_no)
        .where(
            ChangeEvent.report_id == report_id,
            ChangeEvent.event.in_(PUBLICATION),
            ChangeEvent.seq.is_not(None),
        )
        .order_by(ChangeEvent.seq.desc())
        .limit(1)
    ).scalar()


def _lock(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_KEY})")


def sequence_due(
    connection: Connection, now: datetime | None = None, queued: list[int] | None = None
) -> int:
    """Give feed positions to the events whose time has come; queue their webhooks (the
    ids of the new deliveries are added to `queued`).

    Takes the feed lock until the end of the transaction. Returns how many were sequenced.
    """
    now = now or utcnow()
    _lock(connection)
    due = (
        connection.execute(
            select(ChangeEvent.id)
            .where(ChangeEvent.seq.is_(None), ChangeEvent.visible_from <= now)
            .order_by(ChangeEvent.visible_from, ChangeEvent.id)
        )
        .scalars()
        .all()
    )
    if not due:
        return 0
    last = connection.execute(select(func.max(ChangeEvent.seq))).scalar() or 0
    for seq, event_id in enumerate(due, start=last + 1):
        connection.execute(update(ChangeEvent).where(ChangeEvent.id == event_id).values(seq=seq))
    new = _queue_deliveries(connection, due, now)
    if queued is not None:
        queued.extend(new)
    return len(due)


def has_due(connection: Connection, now: datetime | None = None) -> bool:
    """Whether some visible event still waits for its position (a cheap, lock-free check)."""
    return (
        connection.execute(
            select(ChangeEvent.id)
            .where(ChangeEvent.seq.is_(None), ChangeEvent.visible_from <= (now or utcnow()))
            .limit(1)
        ).first()
        is not None
    )


def release_due(session: Session | scoped_session[Any], now: datetime | None = None) -> int:
    """Sequence due events (e.g. embargoes that ended) if there are any; the caller commits
    (and their webhook deliveries are sent to the task queue then)."""
    if not has_due(session.connection(), now):
        return 0
    will_write(session)
    queued: list[int] = []
    count = sequence_due(session.connection(), now, queued)
    send_deliveries_after_commit(session, queued)
    return count


def send_deliveries_after_commit(
    session: Session | scoped_session[Any], delivery_ids: list[int]
) -> None:
    """Each new delivery becomes a task (`reporting.tasks.webhooks`) once committed."""
    for delivery_id in delivery_ids:
        enqueue_after_commit(session, DELIVER_WEBHOOK, delivery_id)


_ITEM_COLUMNS = (
    ChangeEvent.id,
    ChangeEvent.seq,
    ChangeEvent.event,
    ChangeEvent.audience,
    ChangeEvent.version_no,
    ChangeEvent.visible_from,
    ChangeEvent.report_id,
    Party.iso3.label("party"),
    ReportingCycle.code.label("cycle"),
)


def _event_rows(connection: Connection, where, limit: int | None = None):
    return connection.execute(
        select(*_ITEM_COLUMNS)
        .join(Report, Report.id == ChangeEvent.report_id)
        .join(Party, Party.id == Report.party_id)
        .join(ReportingCycle, ReportingCycle.id == Report.cycle_id)
        .where(where)
        .order_by(ChangeEvent.seq)
        .limit(limit)
    ).all()


def change_item(row) -> dict:
    """A sequenced event as clients see it, in the feed and in webhook payloads."""
    return {
        "cursor": row.seq,
        "event": f"report.{row.event}",
        "version": row.version_no,
        "occurred_at": row.visible_from,
        "report": {
            "id": row.report_id,
            "party": row.party,
            "cycle": row.cycle,
            "url": f"{API_REPORTS_PATH}{row.report_id}",
        },
    }


def _queue_deliveries(connection: Connection, event_ids: Sequence[int], now: datetime) -> list[int]:
    hooks = connection.execute(
        select(Webhook.id, Webhook.events, ApiClient.scopes)
        .join(ApiClient, ApiClient.id == Webhook.client_id)
        .where(Webhook.active.is_(True), ApiClient.revoked_at.is_(None))
    ).all()
    if not hooks:
        return []
    rows = []
    for change in _event_rows(connection, ChangeEvent.id.in_(event_ids)):
        item = change_item(change)
        payload = {**item, "occurred_at": change.visible_from.isoformat()}
        for hook_id, events, scopes in hooks:
            scope_set = set(scopes.split())
            allowed = "read:all" in scope_set or (
                change.audience == PUBLIC_AUDIENCE and "read:published" in scope_set
            )
            if allowed and item["event"] in (events or []):
                rows.append(
                    dict(
                        webhook_id=hook_id,
                        change_id=change.id,
                        event=item["event"],
                        payload=payload,
                        status=DeliveryStatus.pending,
                        attempts=0,
                        next_attempt_at=now,
                        created_at=now,
                    )
                )
    if not rows:
        return []
    return list(
        connection.execute(insert(WebhookDelivery).returning(WebhookDelivery.id), rows).scalars()
    )


@dataclass(frozen=True)
class FeedPage:
    items: list[dict]
    next_cursor: int
    has_more: bool


def read_feed(session: Session, after: int, limit: int, everything: bool) -> FeedPage:
    """Events after `after`, visible to the audience, at most `limit` of them.

    The upper bound is read first, so that the page and `next_cursor` describe one
    consistent range even while other transactions commit new events.
    """
    connection = session.connection()
    top = connection.execute(select(func.max(ChangeEvent.seq))).scalar() or 0
    where = (ChangeEvent.seq > after) & (ChangeEvent.seq <= top)
    if not everything:
        where &= ChangeEvent.audience == PUBLIC_AUDIENCE
    rows = _event_rows(connection, where, limit + 1)
    has_more = len(rows) > limit
    items = [change_item(row) for row in rows[:limit]]
    next_cursor = items[-1]["cursor"] if has_more else max(after, top)
    return FeedPage(items, next_cursor, has_more)


def last_cursor(session: Session) -> int:
    return session.connection().execute(select(func.max(ChangeEvent.seq))).scalar() or 0
