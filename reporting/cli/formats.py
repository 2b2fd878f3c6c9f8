"""`ort format list|check|export`: reviewing the reporting formats."""
import json
import sys

import click
from sqlalchemy import select

from schemas.formats import FormatInUse, FormatSchema

from ..extensions import db
from ..models import ReportingCycle
from ..questionnaire import FormatError, list_formats, load_format_file


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
            kinds = ", ".join(f"{len(fmt.questions(k.code))} in the {k.code} report"
                              for k in fmt.report_kinds)
            click.echo(f"{fmt.id}\t{fmt.version}\t{len(fmt.questions())} questions "
                       f"({kinds})\tcycles: {used}")

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
    @click.option("--json", "as_json", is_flag=True, required=True, help="Output JSON.")
    def export(format_id, version, as_json):
        """The resolved definition: parts, articles, questions, keys, kinds, short flags."""
        candidates = [f for f in list_formats() if f.id == format_id
                      and (version is None or f.version == version)]
        if not candidates:
            raise click.ClickException(f"No format {format_id} {version or ''}".strip())
        fmt = sorted(candidates, key=lambda f: f.version)[-1]
        cycles = _cycles_by_format().get((fmt.id, fmt.version), [])
        document = FormatSchema(exclude=["language"]).dump(FormatInUse(fmt, cycles))
        click.echo(json.dumps(document, indent=2, ensure_ascii=False, default=str))
