"""`ort backup` / `ort restore`: a backup restored into an empty database holds every
report, version, attachment (content too) and user; damaged backups and non-empty
targets are refused.

These tests commit, so they use databases of their own (temporary SQLite files, or fresh
PostgreSQL databases beside TEST_DATABASE_URL's) instead of the rolled-back test database.
"""

import io
import json
import os
import secrets
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from werkzeug.datastructures import FileStorage

from reporting import backup as backup_module
from reporting import create_app
from reporting.attachments import attachment_path, store_upload
from reporting.extensions import db as _db
from reporting.models import Attachment, AuditEvent, Report, ReportingCycle, Role, Submission, User
from reporting.seed import seed_all
from tests.exports.factories import make_report

PDF = b"%PDF-1.4\n% an inventory of mercury stocks\n%%EOF\n"


@pytest.fixture
def db():
    """Replaces the rolled-back test database: nothing here runs inside it."""
    yield None


class Databases:
    """Fresh, empty databases of the kind the tests run on, dropped at the end."""

    def __init__(self, folder: Path):
        self.folder, self.created = folder, []
        base = os.environ.get("TEST_DATABASE_URL", "")
        self.server = make_url(base) if base.startswith("postgresql") else None

    def new(self, name: str) -> str:
        if self.server is None:
            return f"sqlite:///{self.folder / name}.sqlite3"
        database = f"{self.server.database}_{name}_{secrets.token_hex(3)}"
        self._admin(f'CREATE DATABASE "{database}"')
        self.created.append(database)
        return self.server.set(database=database).render_as_string(hide_password=False)

    def drop_all(self):
        for database in self.created:
            self._admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')

    def _admin(self, sql: str):
        engine = create_engine(self.server, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(sql))
        engine.dispose()


def make_app(url: str, attachments: Path):
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": url,
            "ORT_ATTACHMENT_DIR": str(attachments),
            "RATELIMIT_ENABLED": False,
        }
    )


def dispose(app):
    with app.app_context():
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A database with a user, a submitted report and an attachment, and its backup."""
    os.environ.setdefault("ORT_INSTANCE_PATH", str(tmp_path_factory.mktemp("instance")))
    folder = tmp_path_factory.mktemp("backup-world")
    databases = Databases(folder)
    source = make_app(databases.new("source"), folder / "store")
    with source.app_context():
        upgrade(revision="heads")
        seed_all()
        cycle = _db.session.scalars(
            select(ReportingCycle).where(ReportingCycle.code == "2025-full")
        ).one()
        report = make_report("MEX", cycle, "submitted", seed=5)
        uploaded = store_upload(
            report, "art3.stocks.details", FileStorage(io.BytesIO(PDF), filename="inventory.pdf")
        )
        _db.session.commit()
        # The last commit: on SQLite it is still in the write-ahead log, not in the file.
        analyst = User(email="analyst.backup@example.org", role=Role.secretariat, name="Ana")
        analyst.set_password("correct horse battery")
        _db.session.add(analyst)
        _db.session.commit()
        if _db.engine.dialect.name == "sqlite":
            wal = Path(_db.engine.url.database + "-wal")
            assert wal.exists() and wal.stat().st_size > 0
        expected = {
            "users": sorted(_db.session.scalars(select(User.email))),
            "reports": [
                (r.party.iso3, r.cycle.code, r.status.value)
                for r in _db.session.scalars(select(Report))
            ],
            "versions": [
                (s.version_no, s.content_hash) for s in _db.session.scalars(select(Submission))
            ],
            "attachment": (uploaded.token, uploaded.sha256, uploaded.filename),
        }
    out = folder / "backup"
    result = source.test_cli_runner().invoke(args=["ort", "backup", "--out", str(out)])
    assert result.exit_code == 0, result.output
    yield {
        "source": source,
        "backup": out,
        "expected": expected,
        "databases": databases,
        "folder": folder,
        "output": result.output,
    }
    dispose(source)
    databases.drop_all()


def restore_into_new_database(world, name: str, *extra):
    target = make_app(world["databases"].new(name), world["folder"] / f"{name}-store")
    result = target.test_cli_runner().invoke(args=["ort", "restore", str(world["backup"]), *extra])
    return target, result


def test_the_manifest_describes_the_backup(world):
    manifest = json.loads((world["backup"] / "manifest.json").read_text())
    kind = "postgresql" if world["databases"].server else "sqlite"
    assert manifest["database"]["kind"] == kind
    assert manifest["counts"] == {
        "reports": 1,
        "versions": 1,
        "attachments": 1,
        "users": len(world["expected"]["users"]),
    }
    assert manifest["schema_revision"] and manifest["missing_attachments"] == []
    sha256 = world["expected"]["attachment"][1]
    assert manifest["files"][f"attachments/{sha256[:2]}/{sha256[2:4]}/{sha256}"] == {
        "sha256": sha256,
        "size": len(PDF),
    }
    assert manifest["created_at"].endswith("Z") and "1 reports" in world["output"]
    with world["source"].app_context():
        event = _db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "data.backup")
        ).one()
        assert event.details["out"] == str(world["backup"])


def test_restore_into_an_empty_database_finds_everything(world):
    target, result = restore_into_new_database(world, "restored")
    try:
        assert result.exit_code == 0, result.output
        expected = world["expected"]
        with target.app_context():
            assert sorted(_db.session.scalars(select(User.email))) == expected["users"]
            assert [
                (r.party.iso3, r.cycle.code, r.status.value)
                for r in _db.session.scalars(select(Report))
            ] == expected["reports"]
            assert [
                (s.version_no, s.content_hash) for s in _db.session.scalars(select(Submission))
            ] == expected["versions"]
            token, sha256, filename = expected["attachment"]
            attachment = _db.session.scalars(select(Attachment)).one()
            assert (attachment.token, attachment.sha256, attachment.filename) == (
                token,
                sha256,
                filename,
            )
            assert attachment_path(sha256).read_bytes() == PDF
            assert str(target.config["ORT_ATTACHMENT_DIR"]) in str(attachment_path(sha256))
            analyst = _db.session.scalars(
                select(User).where(User.email == "analyst.backup@example.org")
            ).one()
            assert analyst.check_password("correct horse battery")
            assert (
                _db.session.scalar(
                    select(func.count())
                    .select_from(AuditEvent)
                    .where(AuditEvent.action == "data.restore")
                )
                == 1
            )
            # The restored database takes new data (sequences and schema are intact).
            _db.session.add(User(email="after.restore@example.org", role=Role.secretariat))
            _db.session.commit()
    finally:
        dispose(target)


def test_restore_refuses_a_database_that_is_not_empty_unless_forced(world):
    target = make_app(world["databases"].new("busy"), world["folder"] / "busy-store")
    try:
        with target.app_context():
            upgrade(revision="heads")
            _db.session.remove()
        runner = target.test_cli_runner()
        refused = runner.invoke(args=["ort", "restore", str(world["backup"])])
        assert refused.exit_code != 0 and "not empty" in refused.output
        forced = runner.invoke(args=["ort", "restore", str(world["backup"]), "--force"])
        assert forced.exit_code == 0, forced.output
        with target.app_context():
            assert _db.session.scalar(select(func.count()).select_from(Submission)) == 1
    finally:
        dispose(target)


def test_a_damaged_backup_is_refused_before_anything_is_touched(world, tmp_path):
    damaged = tmp_path / "damaged"
    for path in world["backup"].rglob("*"):
        if path.is_file():
            copy = damaged / path.relative_to(world["backup"])
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(path.read_bytes())
    sha256 = world["expected"]["attachment"][1]
    (damaged / f"attachments/{sha256[:2]}/{sha256[2:4]}/{sha256}").write_bytes(b"%PDF-1.4 other")
    target = make_app(world["databases"].new("damaged"), tmp_path / "store")
    try:
        result = target.test_cli_runner().invoke(args=["ort", "restore", str(damaged)])
        assert result.exit_code != 0 and "differs from the manifest" in result.output
        with target.app_context():
            assert _db.inspect(_db.engine).get_table_names() == []
    finally:
        dispose(target)


def test_a_backup_needs_a_new_directory_and_a_restore_a_manifest(world, tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("mine")
    runner = world["source"].test_cli_runner()
    result = runner.invoke(args=["ort", "backup", "--out", str(tmp_path / "used")])
    assert result.exit_code != 0 and "not empty" in result.output
    result = runner.invoke(args=["ort", "restore", str(tmp_path / "used")])
    assert result.exit_code != 0 and "not an ORT backup" in result.output


def test_missing_postgresql_tools_give_a_clear_error(monkeypatch):
    monkeypatch.setattr(backup_module.shutil, "which", lambda name: None)
    with pytest.raises(backup_module.BackupError, match="postgresql-client"):
        backup_module._tool("pg_dump")
