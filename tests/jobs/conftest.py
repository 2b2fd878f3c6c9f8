"""Fixtures of the job tests: like tests/tasks/ (a database of their own whose rows are
committed, the embedded broker, one real worker for the session), with the job settings
the tests need (progress written every 5 rows) and a few reports to export."""

from __future__ import annotations

import os
import uuid

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, make_url, select, text

from reporting import create_app
from reporting.extensions import db as _db
from reporting.models import ReportingCycle, Role, User
from reporting.seed import seed_all
from tests.exports.factories import make_report
from tests.tasks.conftest import environment
from tests.tasks.workers import PROJECT_ROOT, Worker

from . import sample_jobs  # noqa: F401  (the test kinds, also known to this process)


@pytest.fixture(scope="session")
def jobs_database(tmp_path_factory):
    url = os.environ.get("TEST_DATABASE_URL")
    if not url or not url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path_factory.mktemp('jobs-db') / 'ort.sqlite3'}"
        return
    main = make_url(url)
    name = f"{main.database}_jobs"
    server = create_engine(main.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield main.set(database=name).render_as_string(hide_password=False)
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


@pytest.fixture(scope="session")
def jobs_env(jobs_database, tmp_path_factory):
    queue_file = tmp_path_factory.mktemp("jobs-queue") / "queue.sqlite3"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("REDIS_URL", "MAIL_SERVER", "ORT_BROKER_URL", "ORT_RESULT_BACKEND")
    }
    env.update(
        {
            "PYTHONPATH": str(PROJECT_ROOT),
            "DATABASE_URL": jobs_database,
            "ORT_INSTANCE_PATH": str(tmp_path_factory.mktemp("jobs-instance")),
            "SECRET_KEY": "test",
            "ORT_TASK_QUEUE": f"ort-test-{uuid.uuid4().hex[:12]}",
            "ORT_JOB_PROGRESS_EVERY": "5",
        }
    )
    if not jobs_database.startswith("postgresql"):
        env["ORT_BROKER_URL"] = f"sqla+sqlite:///{queue_file}"
        env["ORT_RESULT_BACKEND"] = f"db+sqlite:///{queue_file}"
    return env


@pytest.fixture(scope="session")
def jobs_app(jobs_env):
    with environment(jobs_env):
        app = create_app()
    with app.app_context():
        upgrade(revision="heads")
        seed_all()
        cycle = _db.session.scalars(
            select(ReportingCycle).where(ReportingCycle.code == "2025-full")
        ).one()
        reviewer = User(email="jobs.reviewer@example.org", role=Role.secretariat, name="Rita")
        _db.session.add(reviewer)
        _db.session.flush()
        for seed, (iso3, status) in enumerate(
            [("MEX", "accepted"), ("KEN", "submitted"), ("CHN", "submitted")], start=1
        ):
            make_report(iso3, cycle, status, seed=seed, reviewer=reviewer)
        _db.session.commit()
        _db.session.remove()
    yield app
    with app.app_context():
        _db.engine.dispose()


@pytest.fixture(autouse=True)
def db(jobs_app):
    """Rows are committed for real: the worker is another process."""
    with jobs_app.app_context():
        yield _db
        _db.session.remove()


@pytest.fixture(scope="session")
def job_worker(jobs_env, jobs_app, tmp_path_factory):
    started = Worker(
        jobs_env,
        tmp_path_factory.mktemp("jobs-logs"),
        imports=("tests.tasks.sample_tasks", "tests.jobs.sample_jobs"),
    ).start()
    yield started
    started.stop()
