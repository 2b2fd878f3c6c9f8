"""The feed over concurrent transactions, with real commits from several connections.

The hazard: two transactions publish at once and commit in the opposite order of their
feed positions; a client reading in between would move its cursor past a change that
commits a moment later, and never see it. Feed positions are handed out under a lock
held to commit, so they follow commit order.
"""

import threading
import time

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from reporting.api import feed
from reporting.extensions import db as _db
from reporting.models import ChangeEvent, Report, ReportStatus
from reporting.models.types import utcnow

PARTIES = ("ARG", "BRA", "CAN", "DEU", "ESP", "FRA", "GHA", "IND")


@pytest.fixture
def db(app):
    """Overrides the rolled-back transaction: these tests commit, then clean up."""
    with app.app_context():
        yield _db
        _db.session.rollback()
        made = select(Report.id).where(Report.status != ReportStatus.draft)
        _db.session.execute(delete(ChangeEvent).where(ChangeEvent.report_id.in_(made)))
        _db.session.execute(delete(Report).where(Report.id.in_(made)))
        _db.session.commit()
        _db.session.remove()


@pytest.fixture
def submitted(db, short_cycle):
    """Submitted reports (rows only: submissions are immutable, they could not be removed)."""
    from tests.api.factories import party

    reports = [
        Report(
            party=party(iso3),
            cycle=short_cycle,
            status=ReportStatus.submitted,
            submitted_versions=1,
            submitted_at=utcnow(),
        )
        for iso3 in PARTIES
    ]
    db.session.add_all(reports)
    db.session.commit()
    return [r.id for r in reports]


def accept(session: Session, report_id: int) -> None:
    report = session.get(Report, report_id)
    report.status = ReportStatus.accepted
    report.accepted_at = report.publish_after = utcnow()
    session.flush()


def read(after: int) -> list[dict]:
    with Session(_db.engine) as session:
        page = feed.read_feed(session, after, 1000, everything=True)
        session.commit()
        return page.items


def test_a_later_transaction_cannot_commit_a_change_ahead_of_an_open_one(app, submitted):
    first, second = submitted[:2]
    start = feed.last_cursor(_db.session)
    _db.session.commit()
    a = Session(_db.engine)
    accept(a, first)  # holds the feed's next positions, not yet committed
    done = threading.Event()
    errors = []

    def publish_second():
        with app.app_context(), Session(_db.engine) as b:
            try:
                accept(b, second)
                b.commit()
            except Exception as exc:  # reported below
                errors.append(exc)
            done.set()

    thread = threading.Thread(target=publish_second)
    thread.start()
    time.sleep(0.5)
    assert not done.is_set(), "the second publication committed while the first was open"
    if _db.engine.dialect.name == "postgresql":  # SQLite readers wait for the writer too
        assert read(start) == []
    a.commit()
    a.close()
    thread.join(timeout=30)
    assert done.is_set() and not errors, errors
    items = read(start)
    order = [(i["report"]["id"], i["event"]) for i in items]
    assert order == [
        (first, "report.accepted"),
        (first, "report.published"),
        (second, "report.accepted"),
        (second, "report.published"),
    ]
    assert [i["cursor"] for i in items] == list(range(start + 1, start + 5))


def test_a_reader_following_the_feed_during_concurrent_publications_misses_nothing(app, submitted):
    start = feed.last_cursor(_db.session)
    _db.session.commit()
    seen, stop, errors = [], threading.Event(), []

    def follow():
        with app.app_context():
            cursor = start
            while not stop.is_set():
                items = read(cursor)
                seen.extend(items)
                cursor = items[-1]["cursor"] if items else cursor
            seen.extend(read(cursor))

    def publish(report_id):
        with app.app_context(), Session(_db.engine) as session:
            try:
                accept(session, report_id)
                time.sleep(0.05)  # keep the transaction open while others try
                session.commit()
            except Exception as exc:
                errors.append(exc)

    reader = threading.Thread(target=follow)
    reader.start()
    writers = [threading.Thread(target=publish, args=(r,)) for r in submitted]
    for w in writers:
        w.start()
    for w in writers:
        w.join(timeout=60)
    stop.set()
    reader.join(timeout=60)
    assert not errors, errors
    everything = read(start)
    assert len(everything) == 2 * len(submitted)
    assert [i["cursor"] for i in seen] == [i["cursor"] for i in everything]
    assert [i["cursor"] for i in everything] == sorted({i["cursor"] for i in everything})
    published = {i["report"]["id"] for i in seen if i["event"] == "report.published"}
    assert published == set(submitted)
