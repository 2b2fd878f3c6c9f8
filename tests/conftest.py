"""Test fixtures: one database per test session, built by the migrations; every test runs
inside a transaction that is rolled back (SQLAlchemy's "join an external transaction").

The database is SQLite in a temporary folder unless TEST_DATABASE_URL names another
(`.ci/run` passes a fresh PostgreSQL database). Run in parallel (pytest-xdist, `-n 2`),
every worker has a PostgreSQL database of its own beside TEST_DATABASE_URL's (and the
databases that tests make beside it are named after the worker's).
"""

import fcntl
import os
from pathlib import Path

import pytest
from flask import g, has_app_context
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import select
from sqlalchemy.orm import scoped_session, sessionmaker

from reporting import create_app
from reporting.extensions import cache as _cache
from reporting.extensions import db as _db
from reporting.models import Party, ReportingCycle, Role, User
from reporting.seed import seed_all
from reporting.web.static_files import compile_static

FIXTURES = Path(__file__).parent / "questionnaire" / "fixtures"
ROOT = Path(__file__).parents[1]


def _postgres_admin(url):
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    main = make_url(url)
    return main, create_engine(main.set(database="postgres"), isolation_level="AUTOCOMMIT")


def pytest_configure(config):
    """An xdist worker on PostgreSQL: a database of its own, made here, dropped at the end."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not worker or not url.startswith("postgresql"):
        return
    from sqlalchemy import text

    main, server = _postgres_admin(url)
    name = f"{main.database}_{worker}"
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    server.dispose()
    config._ort_worker_database = (url, name)
    os.environ["TEST_DATABASE_URL"] = main.set(database=name).render_as_string(hide_password=False)


def pytest_unconfigure(config):
    made = getattr(config, "_ort_worker_database", None)
    if made is None:
        return
    from sqlalchemy import text

    url, name = made
    os.environ["TEST_DATABASE_URL"] = url
    _main, server = _postgres_admin(url)
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    return os.environ.get("TEST_DATABASE_URL") or (
        f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    )


@pytest.fixture(scope="session")
def task_queue(tmp_path_factory):
    """The suite's own broker and results: a temporary SQLite file nobody consumes (the
    tests in tests/tasks/ start real workers on queues of their own)."""
    queue_file = tmp_path_factory.mktemp("queue") / "queue.sqlite3"
    return {
        "broker_url": f"sqla+sqlite:///{queue_file}",
        "result_backend": f"db+sqlite:///{queue_file}",
        "task_default_queue": "ort-test",
        "visibility_timeout": 3600,
    }


@pytest.fixture(scope="session")
def app(database_url, task_queue, tmp_path_factory):
    # `flask ort init` does this in a deployment: pages then link fingerprinted files.
    # Parallel workers share the code folder: one writes the files at a time.
    with open(tmp_path_factory.getbasetemp().parent / "static.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        compile_static(ROOT / "reporting" / "static")
    os.environ.setdefault("ORT_INSTANCE_PATH", str(tmp_path_factory.mktemp("instance")))
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": False,
            "ORT_ATTACHMENT_DIR": str(tmp_path_factory.mktemp("attachments")),
            "RATELIMIT_ENABLED": False,
            "TASK_QUEUE": task_queue,
            "CACHE_TYPE": "SimpleCache",
            "ORT_PUBLIC_STAMP_SECONDS": 0,  # the tests publish and look at once
        }
    )
    yield from migrated(app)


def migrated(app):
    """Yield `app` once its database is built by the migrations and seeded; dispose of its
    engine after (for session fixtures: this one, and the task workers' app)."""
    with app.app_context():
        upgrade(revision="heads")
        seed_all()
        _db.session.commit()
        _db.session.remove()
    yield app
    with app.app_context():
        _db.engine.dispose()


@pytest.fixture(autouse=True)
def db(app):
    """The database, inside a transaction rolled back after the test (and the public
    dashboard's cache emptied, since it holds what it computed from the data)."""
    with app.app_context():
        _cache.clear()
        connection = _db.engine.connect()
        transaction = connection.begin()
        original = _db.session
        _db.session = scoped_session(
            sessionmaker(bind=connection, join_transaction_mode="create_savepoint")
        )
        try:
            yield _db
        finally:
            _db.session.remove()
            _db.session = original
            if transaction.is_active:
                transaction.rollback()
            connection.close()


class _Client(FlaskClient):
    """A test client whose every request starts with an empty `g`.

    The `db` fixture keeps one app context for the whole test, and requests made inside it
    share it (and its `g`): without this, the first request's user, CSRF token and locale
    (cached in `g` by Flask-Login, Flask-WTF and Flask-Babel) would leak into the next."""

    def open(self, *args, **kwargs):
        if has_app_context():
            for name in list(vars(g)):
                delattr(g, name)
        return super().open(*args, **kwargs)


class Enqueued(list):
    """The tasks sent after commit, as (name, args), kept instead of sent to the broker."""

    def __init__(self, app):
        super().__init__()
        self.app = app

    def run(self):
        """Run the kept tasks here, one after the other, as plain calls (a worker's work
        without a worker: the real worker is tested in tests/tasks/)."""
        while self:
            name, args = self.pop(0)
            self.app.extensions["celery"].tasks[name](*args)


@pytest.fixture
def enqueued(app, monkeypatch):
    """Keep the tasks that commits send (instead of sending them to the broker)."""
    from reporting.tasks import dispatch

    kept = Enqueued(app)
    monkeypatch.setattr(dispatch, "send", lambda name, *args: kept.append((name, args)))
    return kept


@pytest.fixture
def client(app):
    return _Client(app, app.response_class, use_cookies=True)


@pytest.fixture
def browser():
    """Headless Chromium (Debian's), closed after the test."""
    from playwright.sync_api import sync_playwright

    from tests.web.browser import ARGS, CHROMIUM

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def request_ctx(app):
    """A request context (English), for code that translates messages."""
    with app.test_request_context("/"):
        yield


def _party(iso3):
    return _db.session.scalars(select(Party).where(Party.iso3 == iso3)).one()


def _cycle(code):
    return _db.session.scalars(select(ReportingCycle).where(ReportingCycle.code == code)).one()


def make_user(
    email, role, party=None, password="correct horse battery", conventions=("minamata",), **kw
):
    """A user; a national one holds `role` in each of `conventions`."""
    user = User(email=email, role=role, party=party, **kw)
    if role.is_national:
        for convention in conventions:
            user.grant(convention, role)
    user.set_password(password)
    _db.session.add(user)
    _db.session.flush()
    return user


@pytest.fixture
def party_a():
    return _party("MEX")


@pytest.fixture
def party_b():
    return _party("KEN")


@pytest.fixture
def short_cycle():
    return _cycle("2023-short")


@pytest.fixture
def full_cycle():
    return _cycle("2025-full")


@pytest.fixture
def reviewer():
    """A secretariat analyst who reviews (no password: hashing is slow and unused here)."""
    user = User(email="reviewer@example.org", role=Role.secretariat, name="Rita Reviewer")
    _db.session.add(user)
    _db.session.flush()
    return user


@pytest.fixture
def focal_point(party_a):
    return make_user("fp.a@example.org", Role.focal_point, party_a, name="Ana Focal")


@pytest.fixture
def other_focal_point(party_b):
    return make_user("fp.b@example.org", Role.focal_point, party_b, name="Ben Focal")


@pytest.fixture
def contributor(party_a):
    return make_user("contrib.a@example.org", Role.contributor, party_a)


@pytest.fixture
def secretariat():
    return make_user("analyst@example.org", Role.secretariat, name="Sam Analyst")


@pytest.fixture
def admin():
    return make_user("admin@example.org", Role.admin)


@pytest.fixture
def tiny_format():
    from reporting.questionnaire import load_format_file

    return load_format_file(FIXTURES / "tiny.yaml")


@pytest.fixture
def minamata():
    from reporting.questionnaire import get_format

    return get_format("minamata", "2023.1")


@pytest.fixture
def tiny_cycle(tiny_format, monkeypatch):
    """A cycle whose reports use the tiny format (every answer kind, a condition, a table)."""
    from datetime import date

    from reporting.questionnaire import registry

    shipped = dict(registry._shipped())
    shipped[(tiny_format.id, tiny_format.version)] = tiny_format
    monkeypatch.setattr(registry, "_shipped", lambda: shipped)
    cycle = ReportingCycle(
        code="2099-tiny",
        convention="minamata",
        year=2099,
        kind="full",
        period_start=date(2097, 1, 1),
        period_end=date(2098, 12, 31),
        due_date=date(2099, 12, 31),
        format_id=tiny_format.id,
        format_version=tiny_format.version,
    )
    _db.session.add(cycle)
    _db.session.flush()
    return cycle


@pytest.fixture
def stockholm():
    from reporting.questionnaire import get_format

    return get_format("stockholm", "2023.1")


@pytest.fixture
def stockholm_cycle():
    """A full Stockholm cycle (no seeded cycle uses that format yet)."""
    from datetime import date

    cycle = ReportingCycle(
        code="2026-pops",
        convention="stockholm",
        year=2026,
        kind="full",
        period_start=date(2022, 1, 1),
        period_end=date(2025, 12, 31),
        due_date=date(2026, 8, 31),
        format_id="stockholm",
        format_version="2023.1",
    )
    _db.session.add(cycle)
    _db.session.flush()
    return cycle


OLD_ANSWERS = {
    "art1.kept": {"value": "yes"},
    "art1.old_name": {"value": "Ada"},
    "art1.colour": {"value": "grn"},
    "art1.colours": {"value": ["grn", "red"]},
    "art1.mining": {"value": "yes"},
    "art1.tonnes": {"value": "2"},
    "art1.dropped": {"value": "gone"},
}


@pytest.fixture
def versions(monkeypatch):
    """Two versions of the `lineage` test format, the second following the first
    (renamed, recoded, split and merged questions), served as if shipped."""
    from reporting.questionnaire import load_format_file, registry

    old = load_format_file(FIXTURES / "lineage-1.yaml")
    new = load_format_file(FIXTURES / "lineage-2.yaml")
    shipped = {**registry._shipped(), (old.id, old.version): old, (new.id, new.version): new}
    monkeypatch.setattr(registry, "_shipped", lambda: shipped)
    return old, new


def _version_cycle(code, year, version):
    from datetime import date

    cycle = ReportingCycle(
        code=code,
        convention="minamata",
        year=year,
        kind="full",
        period_start=date(year - 4, 1, 1),
        period_end=date(year - 1, 12, 31),
        due_date=date(year, 12, 31),
        format_id="lineage",
        format_version=version,
    )
    _db.session.add(cycle)
    _db.session.flush()
    return cycle


@pytest.fixture
def version_cycles(request_ctx, versions, party_a, party_b, focal_point, other_focal_point):
    """A cycle on each version: Party A submitted on the first (OLD_ANSWERS), Party B on
    the second."""
    from reporting.reports import workflow
    from reporting.reports.answers import save_answers

    old, new = versions
    first, second = _version_cycle("2095-one", 2095, "1"), _version_cycle("2099-two", 2099, "2")
    report = workflow.start_report(party_a, first, focal_point, carry_over=False)
    save_answers(report, old, OLD_ANSWERS, focal_point, "full")
    workflow.submit(report, focal_point)
    other = workflow.start_report(party_b, second, other_focal_point, carry_over=False)
    save_answers(
        other,
        new,
        {
            "art1.new_name": {"value": "Bo"},
            "art1.colour": {"value": "green"},
            "art1.quantity": {"value": "5"},
            "art1.mining": {"value": "no"},
        },
        other_focal_point,
        "full",
    )
    workflow.submit(other, other_focal_point)
    return first, second
