"""Backup and restore of the database (SQLite or PostgreSQL) and the attachment store.

A backup is a directory:

    manifest.json                  what it holds: time, database kind, schema revision,
                                   counts, and the SHA-256 and size of every file
    database.sqlite3               SQLite: a copy made with SQLite's online backup API
    database.pgdump                PostgreSQL: `pg_dump --format=custom`
    attachments/aa/bb/<sha256>     every file that the database's attachments refer to

Backups are consistent while the application runs: the counts and the list of
attachments are read from the copy itself (SQLite), or in the very snapshot that
pg_dump dumps (`pg_dump --snapshot`). A plain copy of an SQLite file would miss what is
still in its write-ahead log. The manifest is written last: a directory without one
is not a backup. A restore verifies every file against the manifest before it touches
anything, and the counts of the restored database after.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from .attachments import attachment_path
from .extensions import db
from .models.types import utcnow

MANIFEST = "manifest.json"
FORMAT, VERSION = "ort-backup", 1
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
#: What the manifest counts, and in which table.
COUNTED = {
    "reports": "report",
    "versions": "submission",
    "attachments": "attachment",
    "users": '"user"',
}
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


def create_backup(out: Path) -> dict:
    """Back up the database and the attachments it refers to into `out`, a new or empty
    directory. Returns the manifest (its `missing_attachments` lists store files that
    were absent or whose content no longer matches its hash: not copied)."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise BackupError(f"{out} is not empty: back up into a new directory.")
    out.mkdir(parents=True, exist_ok=True)
    kind = _kind()
    database_file = out / DATABASE_FILES[kind]
    if kind == "sqlite":
        facts = _backup_sqlite(database_file)
    else:
        facts = _backup_postgresql(database_file)
    files = {database_file.name: _describe(database_file)}
    missing = []
    for sha256 in facts["attachments"]:
        relative = _attachment_name(sha256)
        if _copy_verified(attachment_path(sha256), out / relative, sha256):
            files[relative] = {"sha256": sha256, "size": (out / relative).stat().st_size}
        else:
            missing.append(sha256)
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": utcnow().isoformat().replace("+00:00", "Z"),
        "database": {"kind": kind, "file": database_file.name},
        "schema_revision": facts["revision"],
        "counts": facts["counts"],
        "missing_attachments": missing,
        "files": files,
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def restore_backup(source: Path, force: bool = False) -> dict:
    """Restore a backup into the configured database and attachment store.

    Refuses a target database that has any table unless `force` (which replaces it), a
    backup of the other database kind, and any file that differs from the manifest.
    Returns the manifest.
    """
    source = Path(source)
    manifest = read_manifest(source)
    kind = _kind()
    if manifest["database"]["kind"] != kind:
        raise BackupError(
            f"This is a backup of a {manifest['database']['kind']} database; "
            f"the configured database is {kind}."
        )
    verify_files(source, manifest)
    db.session.remove()
    if not force and inspect(db.engine).get_table_names():
        raise BackupError(
            "The target database is not empty: restore into an empty database, "
            "or add --force to replace everything in it."
        )
    database_file = source / manifest["database"]["file"]
    if kind == "sqlite":
        _restore_sqlite(database_file)
    else:
        _restore_postgresql(database_file, force)
    for name, described in manifest["files"].items():
        if name.startswith("attachments/"):
            target = attachment_path(described["sha256"])
            if not (target.exists() and _sha256(target) == described["sha256"]):
                _copy_verified(source / name, target, described["sha256"])
    with db.engine.connect() as connection:
        facts = _facts(lambda sql: connection.execute(text(sql)).all())
    if facts["counts"] != manifest["counts"]:
        raise BackupError(
            f"The restored database holds {facts['counts']}, the manifest "
            f"says {manifest['counts']}."
        )
    return manifest


def read_manifest(source: Path) -> dict:
    path = Path(source) / MANIFEST
    try:
        manifest = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source} has no readable {MANIFEST}: not an ORT backup.") from exc
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(f"{path} is not an ORT backup manifest of version {VERSION}.")
    return manifest


def verify_files(source: Path, manifest: dict) -> None:
    """Every file the manifest lists is there with its size and SHA-256."""
    for name, described in manifest["files"].items():
        path = Path(source) / name
        if ".." in Path(name).parts or not path.is_file():
            raise BackupError(f"{name} is missing from the backup.")
        if path.stat().st_size != described["size"] or _sha256(path) != described["sha256"]:
            raise BackupError(f"{name} differs from the manifest: the backup is damaged.")


def schema_is_current(revision: list[str]) -> bool:
    """Whether a backup's schema revision is this version's latest (else `db upgrade`)."""
    from alembic.script import ScriptDirectory

    config = current_app.extensions["migrate"].migrate.get_config()
    return set(revision) == set(ScriptDirectory.from_config(config).get_heads())


def _kind() -> str:
    name = db.engine.dialect.name
    if name not in DATABASE_FILES:
        raise BackupError(f"Backups of {name} databases are not supported.")
    return name


def _facts(query: Callable[[str], Sequence[Any]]) -> dict:
    """Schema revision, counts and the attachments' hashes, through one connection."""
    try:
        revision = sorted(row[0] for row in query("SELECT version_num FROM alembic_version"))
    except (sqlite3.Error, DBAPIError) as exc:  # an unmigrated database: no such table
        raise BackupError("The database has no schema (no alembic_version table).") from exc
    counts = {
        name: int(query(f"SELECT count(*) FROM {table}")[0][0]) for name, table in COUNTED.items()
    }
    attachments = sorted(row[0] for row in query("SELECT DISTINCT sha256 FROM attachment"))
    return {"revision": revision, "counts": counts, "attachments": attachments}


# SQLite ---------------------------------------------------------------------------------


def _backup_sqlite(target: Path) -> dict:
    source = db.engine.raw_connection()
    try:
        copy = sqlite3.connect(target)
        try:
            assert source.driver_connection is not None  # None only once closed
            source.driver_connection.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            return _facts(lambda sql: copy.execute(sql).fetchall())
        finally:
            copy.close()
    finally:
        source.close()


def _restore_sqlite(backup_file: Path) -> None:
    """Page by page into the live file (WAL and all), with the backup API again."""
    db.engine.dispose()
    source = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    target = db.engine.raw_connection()
    try:
        assert target.driver_connection is not None  # None only once closed
        source.backup(target.driver_connection)
        target.driver_connection.execute("PRAGMA journal_mode=WAL")
    finally:
        target.close()
        source.close()
        db.engine.dispose()


# PostgreSQL -----------------------------------------------------------------------------


def _backup_postgresql(target: Path) -> dict:
    pg_dump = _tool("pg_dump")
    with db.engine.connect() as connection:
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            snapshot = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            facts = _facts(lambda sql: connection.execute(text(sql)).all())
            _run(
                [
                    pg_dump,
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                ]
            )
    return facts


def _restore_postgresql(backup_file: Path, replace: bool) -> None:
    pg_restore = _tool("pg_restore")
    db.engine.dispose()
    _run(
        [
            pg_restore,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *(["--clean", "--if-exists"] if replace else []),
            str(backup_file),
        ]
    )
    db.engine.dispose()


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} was not found: install the PostgreSQL client tools "
            f"(Debian: postgresql-client) of the server's version or newer."
        )
    return path


def _run(command: list[str]) -> None:
    """Run pg_dump or pg_restore against the configured database (password in the
    environment, never on the command line)."""
    url = db.engine.url
    dsn = url._replace(drivername="postgresql", password=None).render_as_string(hide_password=False)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    result = subprocess.run(
        [*command, f"--dbname={dsn}"], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


# Files ----------------------------------------------------------------------------------


def _attachment_name(sha256: str) -> str:
    return f"attachments/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _describe(path: Path) -> dict:
    return {"sha256": _sha256(path), "size": path.stat().st_size}


def _copy_verified(source: Path, target: Path, sha256: str) -> bool:
    """Copy a content-addressed file, checking its hash on the way; False (nothing
    written) when the source is missing or its content does not match."""
    if not source.is_file():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".restore-")
    try:
        with open(source, "rb") as reader, os.fdopen(handle, "wb") as writer:
            while chunk := reader.read(_CHUNK):
                digest.update(chunk)
                writer.write(chunk)
        if digest.hexdigest() != sha256:
            return False
        os.replace(temp, target)
        return True
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
