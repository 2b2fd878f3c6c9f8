"""Database engine settings that must hold on every connection, and SQLite's write lock.

On SQLite a transaction either reads (deferred: a snapshot that blocks no one) or may
write (immediate: it takes the one write lock first). A request whose method only reads
(GET, HEAD, OPTIONS) begins deferred, so pages and `/healthz` never queue behind saves or
each other; every other request, task and command begins immediate. The few reading
requests that write (an audited download, the API's call log) call `will_write` first.
"""

from contextlib import contextmanager

from flask import Flask, g, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, scoped_session

#: Requests with these methods only read, unless they call `will_write`.
READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def init_app(app: Flask) -> None:
    """Set SQLite's pragmas and write lock on every engine's connections (the app's and
    the embedded broker's), once per process: the listeners are the `Engine` class's."""
    if not event.contains(Engine, "connect", _sqlite_pragmas):
        event.listen(Engine, "connect", _sqlite_pragmas)
        event.listen(Engine, "begin", _sqlite_begin)


def _sqlite_pragmas(dbapi_connection, connection_record):
    """SQLite as a multi-writer server database: WAL, a busy timeout, foreign keys.

    Without WAL and a busy timeout, concurrent gunicorn workers fail saves with
    "database is locked" (see ../shared/STACK-NOTES.md).
    """
    module = type(dbapi_connection).__module__
    if not module.startswith(("sqlite3", "pysqlite")):
        return
    # Let SQLAlchemy, not the driver, open transactions (see `_sqlite_begin`), so that
    # SAVEPOINT and transactional DDL work as documented for pysqlite.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def reads_only() -> bool:
    """Whether the current transaction should only read: inside a request whose method
    reads and which has not announced a write, or inside `reading()`."""
    if not has_request_context():
        return False
    if g.get("_ort_reads", False):
        return True
    return request.method in READING_METHODS and not g.get("_ort_writes", False)


@contextmanager
def reading():
    """Transactions begun inside read only, whatever the request's method (e.g. the access
    log line reading the user's Party after a save has committed)."""
    before = g.get("_ort_reads", False)
    g._ort_reads = True
    try:
        yield
    finally:
        g._ort_reads = before


def will_write(session: Session | scoped_session) -> None:
    """Announce a write in a reading request: end its read transaction (nothing of it is
    pending), so that the next one begins by taking the write lock. A no-op elsewhere."""
    if not reads_only():
        return
    g._ort_writes = True
    session.commit()


def done_writing() -> None:
    """After `will_write` and its commit: the request's next transaction reads again (a
    streamed export after the API's call log must not hold the write lock)."""
    if has_request_context():
        g.pop("_ort_writes", None)


def _sqlite_begin(connection):
    """BEGIN IMMEDIATE where the transaction may write, BEGIN (deferred) where it reads.

    A deferred transaction that reads and then writes fails at once with "database is
    locked" when another writer committed in between (WAL snapshot rule); the busy
    timeout cannot help it. Taking the lock first makes writers queue instead, so only
    transactions that cannot write begin deferred (`reads_only`).
    """
    if connection.dialect.name == "sqlite" and not connection.get_execution_options().get(
        "ort_driver_begins"
    ):  # Kombu's SQLAlchemy transport issues its own BEGIN
        connection.exec_driver_sql("BEGIN" if reads_only() else "BEGIN IMMEDIATE")
