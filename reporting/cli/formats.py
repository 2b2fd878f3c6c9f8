"""`ort format list|check|export|import`: reviewing the reporting formats, and the
secretariat's workbook round trip (export --xlsx, edit, import)."""

import json
import sys
from pathlib import Path

import click
from sqlalchemy import select

from schemas.formats import FormatInUse, FormatSchema

from ..config import PROJECT_ROOT
from ..extensions import db
from ..models import ReportingCycle
from ..questionnaire import FormatError, list_formats, load_format_file
from ..questionnaire.registry import FORMATS_DIR, format_raw
from ..questionnaire.workbook import (
    VersionExists,
    WorkbookInvalid,
    export_workbook,
    list_changes,
    read_catalogs,
    read_workbook,
    write_version,
)
from ..questionnaire.workbook.read import MOST_BYTES
from ..questionnaire.workbook.store import current_version

TRANSLATIONS_DIR = PROJECT_ROOT / "translations"


def _cycles_by_format() -> dict[tuple[str, str], list[str]]:
    out: dict = {}
    for c in db.session.scalars(select(ReportingCycle).order_by(ReportingCycle.year)):
        out.setdefault((c.format_id, c.format_version), []).append(c.code)
    return out


def register(group):
    @group.group("format")
    def format_():
        """Reporting format definitions."""

    @format_.command("list")
    def list_():
        """Format ids, versions, question counts and the cycles using each."""
        cycles = _cycles_by_format()
        for fmt in list_formats():
            used = ", ".join(cycles.get((fmt.id, fmt.version), [])) or "-"
            kinds = ", ".join(
                f"{len(fmt.questions(k.code))} in the {k.code} report" for k in fmt.report_kinds
            )
            click.echo(
                f"{fmt.id}\t{fmt.version}\t{len(fmt.questions())} questions "
                f"({kinds})\tcycles: {used}"
            )

    @format_.command("check")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False))
    def check(path):
        """Validate a format file; print each error with its path."""
        try:
            fmt = load_format_file(path)
        except FormatError as exc:
            click.echo(str(exc), err=True)
            sys.exit(1)
        click.echo(f"OK: {fmt.id} {fmt.version}, {len(fmt.questions())} questions")

    @format_.command("export")
    @click.argument("format_id")
    @click.option("--version", "version", default=None, help="Defaults to the latest.")
    @click.option("--json", "as_json", is_flag=True, help="Output the resolved definition as JSON.")
    @click.option(
        "--xlsx",
        "as_xlsx",
        is_flag=True,
        help="Write the format as a workbook "
        "for the secretariat to edit (then `ort format import`).",
    )
    @click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, writable=True),
        help="The workbook file (with --xlsx; default <id>-<version>.xlsx).",
    )
    @click.option(
        "--translations-dir",
        type=click.Path(file_okay=False),
        default=str(TRANSLATIONS_DIR),
        show_default=True,
    )
    def export(format_id, version, as_json, as_xlsx, output, translations_dir):
        """The resolved definition as JSON (--json), or the format file as a workbook
        with its texts in every language (--xlsx). Give exactly one of the two."""
        if as_json == as_xlsx:
            raise click.UsageError("Give exactly one of --json and --xlsx.")
        candidates = [
            f
            for f in list_formats()
            if f.id == format_id and (version is None or f.version == version)
        ]
        if not candidates:
            raise click.ClickException(f"No format {format_id} {version or ''}".strip())
        fmt = sorted(candidates, key=lambda f: f.version)[-1]
        if as_xlsx:
            data = export_workbook(format_raw(fmt), read_catalogs(translations_dir))
            path = Path(output or f"{fmt.id}-{fmt.version}.xlsx")
            path.write_bytes(data)
            click.echo(f"Wrote {path} ({fmt.id} {fmt.version})")
            return
        cycles = _cycles_by_format().get((fmt.id, fmt.version), [])
        document = FormatSchema(exclude=["language"]).dump(FormatInUse(fmt, cycles))
        click.echo(json.dumps(document, indent=2, ensure_ascii=False, default=str))

    @format_.command("import")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False))
    @click.option("--dry-run", is_flag=True, help="Show the changes and errors only.")
    @click.option(
        "--formats-dir",
        type=click.Path(file_okay=False),
        default=str(FORMATS_DIR),
        show_default=True,
    )
    @click.option(
        "--translations-dir",
        type=click.Path(file_okay=False),
        default=str(TRANSLATIONS_DIR),
        show_default=True,
    )
    def import_(path, dry_run, formats_dir, translations_dir):
        """Read a format workbook, validate it, show what it changes against the latest
        version of its format, and write it as a new version file with its translations
        merged into the questionnaire catalogs. Exit code 1 on errors."""
        path = Path(path)
        if path.stat().st_size > MOST_BYTES:
            click.echo(f"{path}: larger than {MOST_BYTES // (1024 * 1024)} MB", err=True)
            sys.exit(1)
        catalogs = read_catalogs(translations_dir)
        try:
            workbook = read_workbook(path.read_bytes(), catalogs)
        except WorkbookInvalid as exc:
            for line in exc.errors:
                click.echo(f"{path.name}: {line}", err=True)
            sys.exit(1)
        current = _current_version(workbook)
        if current is None:
            click.echo(f"New format {workbook.id} {workbook.version}.")
            changes = []
        else:
            click.echo(f"Changes of {workbook.id} {workbook.version} against {current.version}:")
            changes = list_changes(
                format_raw(current), catalogs, workbook.raw, workbook.translations
            )
            for line in changes or ["(none)"]:
                click.echo(f"  {line}")
        if dry_run:
            return
        if current is not None and current.version == workbook.version and current.path is None:
            click.echo(
                f"{workbook.id} {workbook.version} was imported on the web and is never "
                "replaced: raise the version in the sheet Format.",
                err=True,
            )
            sys.exit(1)
        try:
            written = write_version(workbook, formats_dir, translations_dir)
        except VersionExists as exc:
            click.echo(str(exc), err=True)
            sys.exit(1)
        if written.path:
            click.echo(f"Wrote {written.path}")
        for lang, count in sorted(written.translations.items()):
            if count:
                click.echo(f"Updated {count} {lang} translation(s)")


def _current_version(workbook):
    return current_version(workbook.id, workbook.version, workbook.raw.get("follows"))
