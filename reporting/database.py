"""Database engine settings that must hold on every connection."""
from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine


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


def _sqlite_begin(connection):
    """BEGIN IMMEDIATE: take the write lock up front, waiting up to the busy timeout.

    A deferred transaction that reads and then writes fails at once with "database is
    locked" when another writer committed in between (WAL snapshot rule); the busy
    timeout cannot help it. Taking the lock first makes writers queue instead.
    """
    if connection.dialect.name == "sqlite" and not connection.get_execution_options().get(
            "ort_driver_begins"):  # Kombu's SQLAlchemy transport issues its own BEGIN
        connection.exec_driver_sql("BEGIN IMMEDIATE")
