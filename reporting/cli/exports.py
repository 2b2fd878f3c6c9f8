"""`ort export`: the secretariat's exports from the command line, for scripted use."""

import os

import click

from .. import audit
from ..exports import FORMATS, SHAPES, ExportFilters, FilterError, build_plan
from ..extensions import db
from ..jobs.engine import JobError, Progress, start_job
from ..jobs.exports import KIND, export_parameters, write_export_job
from ..models import RegionalGroup, ReportStatus


def register(group):
    @group.command("export")
    @click.option(
        "--shape",
        type=click.Choice(SHAPES),
        required=True,
        help="long, wide, codebook, or datapackage (zip of the three as CSV).",
    )
    @click.option(
        "--format",
        "file_format",
        type=click.Choice(FORMATS),
        default=None,
        help="csv (default), xlsx or json; a data package is always CSV.",
    )
    @click.option("--cycle", "cycles", multiple=True, help="Cycle code, e.g. 2025-full.")
    @click.option("--article", "articles", multiple=True, help="Article number, e.g. 3.")
    @click.option("--question", "questions", multiple=True, help="Question key.")
    @click.option(
        "--region",
        "regions",
        multiple=True,
        type=click.Choice([g.value for g in RegionalGroup]),
        help="UN regional group.",
    )
    @click.option("--party", "parties", multiple=True, help="ISO3 code of a Party.")
    @click.option(
        "--status",
        "statuses",
        multiple=True,
        type=click.Choice([s.value for s in ReportStatus]),
        help="Report status (default: submitted and accepted).",
    )
    @click.option(
        "--include-drafts",
        is_flag=True,
        help="Allow draft and returned reports (all statuses without --status).",
    )
    @click.option(
        "--include-confidential",
        is_flag=True,
        help="Include answers marked confidential (marked as such).",
    )
    @click.option(
        "--published",
        is_flag=True,
        help="Only what is published: accepted reports past any embargo, no "
        "confidential answers, no personal data.",
    )
    @click.option(
        "--lang",
        "language",
        default="en",
        show_default=True,
        help="Language of question texts and labels.",
    )
    @click.option(
        "--out",
        type=click.Path(dir_okay=False, allow_dash=True),
        help="File to write, or - for standard output.",
    )
    @click.option(
        "--background",
        is_flag=True,
        help="Start a job on the task queue instead (its file is then on the "
        "secretariat's Data exports page).",
    )
    def export(
        shape,
        file_format,
        cycles,
        articles,
        questions,
        regions,
        parties,
        statuses,
        include_drafts,
        include_confidential,
        published,
        language,
        out,
        background,
    ):
        """Export report data: long, wide, codebook or a Frictionless data package.

        In the foreground this runs the export job's own code (`reporting.jobs.exports`)."""
        if not out and not background:
            raise click.UsageError("Give --out FILE (or - for standard output), or --background.")
        try:
            filters = ExportFilters(
                cycles=cycles,
                articles=articles,
                questions=questions,
                regions=regions,
                parties=parties,
                statuses=statuses,
                include_drafts=include_drafts,
                include_confidential=include_confidential,
                language=language,
                audience="published" if published else "secretariat",
            )
            if shape != "datapackage":
                file_format = file_format or "csv"
            build_plan(filters)  # every filter checked before anything is written
        except FilterError as exc:
            raise click.UsageError(str(exc)) from exc
        parameters = export_parameters(shape, file_format, filters)
        audit.record(
            "export.cli",
            shape=shape,
            format=file_format,
            filters=filters.as_dict(),
            out=out,
            background=background,
        )
        if background:
            job = start_job(db.session, KIND, parameters, None)
            db.session.commit()  # sends the job's task
            click.echo(f"Started job {job.id}", err=True)
            return
        db.session.commit()
        try:
            if out == "-":
                with click.open_file("-", "wb") as stream:
                    write_export_job(parameters, stream, Progress())
                return
            # Written beside the target and renamed at the end: no half-written file.
            partial = f"{out}.part"
            try:
                with open(partial, "wb") as handle:
                    write_export_job(parameters, handle, Progress())
                os.replace(partial, out)
            finally:
                if os.path.exists(partial):
                    os.remove(partial)
        except JobError as exc:
            raise click.UsageError(str(exc)) from exc
        click.echo(f"Wrote {out} ({os.path.getsize(out)} bytes)", err=True)
