"""On SQLite, requests that read take no write lock: pages never queue behind saves.

A reading request (GET, HEAD, OPTIONS) begins deferred; everything else begins by taking
the write lock (`reporting.database`). A reading request that writes (an audited
download, the API's call log) announces it with `will_write` and then writes safely even
when another writer committed after it had read.
"""

import sqlite3
import threading
import time

import pytest
from flask import Flask
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from reporting.database import done_writing, reads_only, will_write


@pytest.fixture
def sqlite_file(tmp_path):
    path = tmp_path / "reads.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    yield path, engine
    engine.dispose()


@pytest.fixture
def flask_app():
    return Flask(__name__)


def _hold_write_lock(path, seconds: float) -> threading.Event:
    """Another process's writer: hold SQLite's write lock for `seconds`."""
    taken = threading.Event()

    def hold():
        raw = sqlite3.connect(path, isolation_level=None)
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("INSERT INTO t (v) VALUES ('held')")
        taken.set()
        time.sleep(seconds)
        raw.execute("COMMIT")
        raw.close()

    threading.Thread(target=hold, daemon=True).start()
    taken.wait(5)
    return taken


def _begin_seconds(engine, flask_app, method: str) -> float:
    with flask_app.test_request_context("/", method=method):
        started = time.perf_counter()
        with engine.begin() as connection:
            connection.execute(text("SELECT count(*) FROM t")).scalar()
        return time.perf_counter() - started


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS"])
def test_a_reading_request_does_not_wait_for_the_write_lock(sqlite_file, flask_app, method):
    path, engine = sqlite_file
    _hold_write_lock(path, 1.0)
    assert _begin_seconds(engine, flask_app, method) < 0.5


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_a_writing_request_takes_the_write_lock_first(sqlite_file, flask_app, method):
    path, engine = sqlite_file
    _hold_write_lock(path, 0.6)
    assert _begin_seconds(engine, flask_app, method) >= 0.4


def test_outside_requests_transactions_take_the_write_lock(sqlite_file):
    path, engine = sqlite_file
    _hold_write_lock(path, 0.6)
    started = time.perf_counter()
    with engine.begin() as connection:
        connection.execute(text("SELECT 1"))
    assert time.perf_counter() - started >= 0.4
    assert not reads_only()


def test_a_reading_request_that_announces_its_write_survives_a_commit_in_between(
    sqlite_file, flask_app
):
    path, engine = sqlite_file
    with flask_app.test_request_context("/", method="GET"), Session(engine) as session:
        assert session.execute(text("SELECT count(*) FROM t")).scalar() == 0
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("INSERT INTO t (v) VALUES ('saved meanwhile')")  # commits
        other.close()
        will_write(session)
        assert not reads_only()
        session.execute(text("INSERT INTO t (v) VALUES ('audited download')"))
        session.commit()
        done_writing()
        assert reads_only()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM t")).scalar() == 2


def test_without_announcing_it_the_same_write_fails(sqlite_file, flask_app):
    """What `will_write` prevents (SQLite's WAL snapshot rule): a deferred read that then
    writes after another writer committed is refused at once."""
    path, engine = sqlite_file
    with flask_app.test_request_context("/", method="GET"), Session(engine) as session:
        session.execute(text("SELECT count(*) FROM t")).scalar()
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("INSERT INTO t (v) VALUES ('saved meanwhile')")
        other.close()
        with pytest.raises(Exception, match="locked"):
            session.execute(text("INSERT INTO t (v) VALUES ('lost')"))
        session.rollback()


def test_reading_makes_any_request_read(sqlite_file, flask_app):
    from reporting.database import reading

    path, engine = sqlite_file
    _hold_write_lock(path, 1.0)
    with flask_app.test_request_context("/", method="POST"):
        with reading():
            assert reads_only()
            started = time.perf_counter()
            with engine.begin() as connection:
                connection.execute(text("SELECT count(*) FROM t")).scalar()
            assert time.perf_counter() - started < 0.5
        assert not reads_only()
