"""`ort backup` and `ort restore`: the database and the attachment store, with a manifest
(see `reporting.backup` for what a backup holds and how it stays consistent)."""

from pathlib import Path

import click

from .. import audit
from ..backup import BackupError, create_backup, restore_backup, schema_is_current
from ..extensions import db


def register(group):
    @group.command("backup")
    @click.option(
        "--out",
        required=True,
        type=click.Path(file_okay=False, path_type=Path),
        help="A new (or empty) directory to write the backup into.",
    )
    def backup(out):
        """Back up the database (SQLite online backup, or pg_dump) and the attachments."""
        try:
            manifest = create_backup(out)
        except BackupError as exc:
            raise click.ClickException(str(exc)) from exc
        audit.record("data.backup", out=str(out), counts=manifest["counts"])
        db.session.commit()
        click.echo(
            f"Backed up {manifest['database']['kind']} database "
            f"(schema {', '.join(manifest['schema_revision'])}) and "
            f"{len(manifest['files']) - 1} attachment files to {out}: " + _counts(manifest)
        )
        if manifest["missing_attachments"]:
            raise click.ClickException(
                "These attachment files are missing or damaged in the store and are not in "
                "the backup: " + ", ".join(manifest["missing_attachments"])
            )

    @group.command("restore")
    @click.argument("source", type=click.Path(exists=True, file_okay=False, path_type=Path))
    @click.option(
        "--force", is_flag=True, help="Replace the content of a database that is not empty."
    )
    def restore(source, force):
        """Restore a backup made by `ort backup` into the configured (empty) database."""
        try:
            manifest = restore_backup(source, force=force)
        except BackupError as exc:
            raise click.ClickException(str(exc)) from exc
        audit.record(
            "data.restore", source=str(source), created_at=manifest["created_at"], forced=force
        )
        db.session.commit()
        click.echo(f"Restored the backup of {manifest['created_at']}: " + _counts(manifest))
        if not schema_is_current(manifest["schema_revision"]):
            click.echo(
                "The backup's schema is older than this version's: run "
                "`flask --app app db upgrade`.",
                err=True,
            )


def _counts(manifest: dict) -> str:
    return ", ".join(f"{n} {name}" for name, n in manifest["counts"].items()) + "."
