"""Whole exports: a shape in a file format, as a byte stream or into a file.

The selection is resolved before the first byte (`export_stream` raises FilterError
at once), so a web view can answer a bad filter with an error instead of a broken
download; the rows themselves are read while the bytes are sent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from functools import partial
from typing import NamedTuple

from flask_babel import gettext as _

from ..models.types import utcnow
from ..observability.metrics import record_export
from .codebook import iter_codebook_rows
from .datapackage import datapackage_chunks
from .fields import CODEBOOK_FIELDS, LONG_FIELDS
from .filters import ExportFilters, FilterError
from .long import ensure_plan, iter_long_rows
from .plan import ExportPlan
from .wide import iter_table_rows, iter_wide_rows, table_fields, table_keys, wide_fields
from .writers import Dataset, csv_chunks, iso_datetime, json_chunks, write_to
from .xlsx import xlsx_chunks

SHAPES = ("long", "wide", "codebook", "datapackage")
FORMATS = ("csv", "xlsx", "json")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}


class Export(NamedTuple):
    chunks: Iterator[bytes]
    media_type: str
    filename: str


def dataset(shape: str, plan: ExportPlan) -> Dataset:
    """The long, wide or codebook table of a selection."""
    if shape == "long":
        return Dataset("long", LONG_FIELDS, lambda: iter_long_rows(plan))
    if shape == "wide":
        return Dataset("wide", wide_fields(plan), lambda: iter_wide_rows(plan))
    if shape == "codebook":
        return Dataset("codebook", CODEBOOK_FIELDS, lambda: iter_codebook_rows(plan))
    raise FilterError(_("Unknown export shape: %(value)s.", value=shape))


def table_datasets(plan: ExportPlan) -> list[Dataset]:
    """One dataset per table question (the wide workbook's table sheets)."""
    return [
        Dataset(key, table_fields(plan, key), partial(iter_table_rows, plan, key))
        for key in table_keys(plan)
    ]


def workbook_datasets(shape: str, plan: ExportPlan) -> list[Dataset]:
    """The sheets of an XLSX export: the shape's table(s), then the codebook."""
    sheets = [dataset(shape, plan)]
    if shape == "wide":
        sheets += table_datasets(plan)
    if shape != "codebook":
        sheets.append(dataset("codebook", plan))
    return sheets


def _check(shape: str, file_format: str | None) -> str:
    if shape not in SHAPES:
        raise FilterError(_("Unknown export shape: %(value)s.", value=shape))
    if shape == "datapackage":
        if file_format not in (None, "csv", "zip"):
            raise FilterError(_("A data package is a zip of CSV files; choose the csv format."))
        return "zip"
    if file_format not in FORMATS:
        raise FilterError(_("Unknown file format: %(value)s.", value=file_format))
    return file_format


def filename(shape: str, extension: str, plan: ExportPlan, today: date | None = None) -> str:
    cycles = "-".join(c.code for c in plan.cycles) if len(plan.cycles) <= 2 else "cycles"
    stamp = (today or utcnow().date()).strftime("%Y%m%d")
    return f"ort-{shape}-{cycles}-{stamp}.{extension}"


def counted(data: Dataset, on_row: Callable[[], None] | None) -> Dataset:
    """The dataset, calling `on_row()` for each row read (a job's progress)."""
    if on_row is None:
        return data

    def rows():
        for row in data.rows():
            on_row()
            yield row

    return Dataset(data.name, data.fields, rows)


def export_stream(
    shape: str,
    file_format: str | None,
    selection: ExportFilters | ExportPlan,
    on_row: Callable[[], None] | None = None,
) -> Export:
    """The export as byte chunks, with its media type and a file name.

    Raises FilterError (before anything is read) for a bad shape, format or filter.
    `on_row`, if given, is called once per row written (of every table in the file).
    """
    extension = _check(shape, file_format)
    plan = ensure_plan(selection)
    record_export(shape, extension)
    filters = plan.filters

    def table(name: str) -> Dataset:
        return counted(dataset(name, plan), on_row)

    if shape == "datapackage":
        chunks = datapackage_chunks(
            [table(s) for s in ("long", "wide", "codebook")], filters.as_dict(), filters.language
        )
    elif extension == "xlsx":
        chunks = xlsx_chunks([counted(d, on_row) for d in workbook_datasets(shape, plan)])
    elif extension == "json":
        meta = {
            "shape": shape,
            "generated_at": iso_datetime(utcnow()),
            "language": filters.language,
            "filters": filters.as_dict(),
        }
        chunks = json_chunks(table(shape), meta, filters.language)
    else:
        chunks = csv_chunks(table(shape))
    return Export(chunks, MEDIA_TYPES[extension], filename(shape, extension, plan))


def write_export(
    shape: str,
    file_format: str | None,
    selection: ExportFilters | ExportPlan,
    out,
    on_row: Callable[[], None] | None = None,
) -> Export:
    """Write the export to `out` (a binary file-like object); returns its description."""
    export = export_stream(shape, file_format, selection, on_row)
    write_to(export.chunks, out)
    return export
