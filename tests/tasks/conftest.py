"""Fixtures of the task-queue tests: a database of their own (the worker, another process,
must see committed rows, so these tests commit instead of rolling back), the embedded
broker and results (a temporary SQLite file; on PostgreSQL the tasks' database itself, as
the app chooses without Redis), an SMTP sink, and one real worker for the session."""

from __future__ import annotations

import os
import socket
import time
import uuid
from contextlib import contextmanager
from unittest import mock

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import create_engine, make_url, text

from reporting import create_app
from reporting.extensions import db as _db

from ..conftest import migrated
from .workers import PROJECT_ROOT, Worker


class SmtpSink:
    """An SMTP server on 127.0.0.1 that keeps what it accepts. It answers RCPT for
    busy@... with 451 (try later) and nobody@... with 550 (never), and counts tries."""

    def __init__(self):
        self.messages, self.tries = [], {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.tries[address] = self.tries.get(address, 0) + 1
        if address.startswith("busy@"):
            return "451 4.3.0 Mailbox busy, try again later"
        if address.startswith("nobody@"):
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 Message accepted"


@pytest.fixture(scope="session")
def smtp_sink():
    sink = SmtpSink()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    sink.port = port
    yield sink
    controller.stop()


@pytest.fixture(scope="session")
def tasks_database(tmp_path_factory):
    """SQLite in a temporary folder, or a database of its own beside TEST_DATABASE_URL's."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url or not url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path_factory.mktemp('tasks-db') / 'ort.sqlite3'}"
        return
    main = make_url(url)
    name = f"{main.database}_tasks"
    server = create_engine(main.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield main.set(database=name).render_as_string(hide_password=False)
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


@pytest.fixture(scope="session")
def worker_env(tasks_database, smtp_sink, tmp_path_factory):
    """The environment of the workers and of the tests' app: one configuration."""
    queue_file = tmp_path_factory.mktemp("tasks-queue") / "queue.sqlite3"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("REDIS_URL", "MAIL_SERVER", "ORT_BROKER_URL", "ORT_RESULT_BACKEND")
    }
    env.update(
        {
            "PYTHONPATH": str(PROJECT_ROOT),
            "DATABASE_URL": tasks_database,
            "ORT_INSTANCE_PATH": str(tmp_path_factory.mktemp("tasks-instance")),
            "SECRET_KEY": "test",
            "ORT_TASK_QUEUE": f"ort-test-{uuid.uuid4().hex[:12]}",
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": str(smtp_sink.port),
            "MAIL_TIMEOUT": "5",
            "ORT_MAIL_MAX_RETRIES": "2",
            "ORT_MAIL_RETRY_BACKOFF": "1",
            "ORT_MAIL_RETRY_BACKOFF_MAX": "2",
            "ORT_WEBHOOK_ALLOW_PRIVATE_TARGETS": "1",
            "ORT_WEBHOOK_RETRY_BASE": "1",
        }
    )
    if not tasks_database.startswith("postgresql"):  # else sqla+postgresql+psycopg://...
        env["ORT_BROKER_URL"] = f"sqla+sqlite:///{queue_file}"
        env["ORT_RESULT_BACKEND"] = f"db+sqlite:///{queue_file}"
    return env


@contextmanager
def environment(env: dict):
    with mock.patch.dict(os.environ, env, clear=True):
        yield


@pytest.fixture(scope="session")
def tasks_app(worker_env):
    """The app as the web workers run it, with the workers' configuration."""
    with environment(worker_env):
        app = create_app()
    yield from migrated(app)


@pytest.fixture(autouse=True)
def db(tasks_app):
    """Replaces the suite's rolled-back transaction: here rows are committed for real."""
    with tasks_app.app_context():
        yield _db
        _db.session.remove()


@pytest.fixture(scope="session")
def worker(worker_env, tasks_app, tmp_path_factory):
    """One real worker (prefork pool, one child) on the embedded broker for the session.

    The queue is declared first, from here: on the SQLAlchemy broker a worker and a
    producer that both create the same queue's row at once can leave the loser's broker
    session in a failed transaction, which kombu never rolls back (the worker then
    consumes nothing)."""
    celery = tasks_app.extensions["celery"]
    with celery.connection_for_write() as connection:
        connection.default_channel.queue_declare(queue=worker_env["ORT_TASK_QUEUE"])
    started = Worker(worker_env, tmp_path_factory.mktemp("tasks-logs")).start()
    yield started
    started.stop()


def wait_for(check, worker: Worker, timeout: float = 30, interval: float = 0.2):
    """Poll `check()` (in a fresh transaction each time) until it gives a true value."""
    deadline = time.monotonic() + timeout
    while True:
        _db.session.rollback()  # a new snapshot, and no lock held between tries
        value = check()
        _db.session.rollback()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(
                f"not done after {timeout} s; worker log:\n{worker.output()[-4000:]}"
            )
        time.sleep(interval)
