"""Data exports as jobs: the export code of `reporting.exports`, written into the job
store with its progress (rows written). The CLI calls `write_export_job` too, in the
foreground and without a row."""

from __future__ import annotations

from typing import BinaryIO

from ..exports import ExportFilters, FilterError, build_plan, export_stream
from ..exports.scope import count_reports
from .engine import JobError, Progress, runner

KIND = "export"


def filters_from(parameters: dict) -> ExportFilters:
    """The filters a job was started with (`ExportFilters.as_dict()` kept in the row)."""
    given = dict(parameters.get("filters") or {})
    given.pop("effective_statuses", None)
    return ExportFilters(**given)


def export_parameters(shape: str, file_format: str | None, filters: ExportFilters) -> dict:
    return {"shape": shape, "format": file_format, "filters": filters.as_dict()}


def expected_rows(shape: str, file_format: str | None, plan) -> int | None:
    """The number of rows the file will hold, where it is known before writing."""
    if file_format == "xlsx" or shape == "datapackage" or shape == "long":
        return None  # several tables, or one row per answer: known only at the end
    if shape == "wide":
        return count_reports(plan)
    return sum(1 + len(q.columns) for q in plan.questions.values())


@runner(KIND)
def write_export_job(parameters: dict, out: BinaryIO, progress: Progress) -> str:
    """Write the export the parameters describe into `out`; returns its file name."""
    shape, file_format = parameters["shape"], parameters.get("format")
    try:
        plan = build_plan(filters_from(parameters))
        export = export_stream(shape, file_format, plan, on_row=progress.add)
        progress.set_total(expected_rows(shape, file_format, plan))
        for chunk in export.chunks:
            out.write(chunk)
    except FilterError as exc:
        raise JobError(str(exc)) from exc
    progress.flush()
    return export.filename
