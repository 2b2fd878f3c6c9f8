"""Exports of national report data for analysts and partners (long, wide, codebook).

The interface below is stable: the secretariat's pages, the REST API and the CLI call
it, and nothing else of this package. Every function works inside an app context; rows
are read from the database in chunks while they are written, so memory stays flat.

Selecting data
--------------
`ExportFilters(cycles=(), articles=(), questions=(), regions=(), parties=(), statuses=(),
include_drafts=False, audience="secretariat", include_confidential=False, language="en")`
    Empty means "all". Raises `FilterError` (a ValueError with a translated message) for
    unknown statuses, regions, languages or forbidden combinations; cycles, Parties,
    articles and questions are checked when the plan is built (`build_plan`), also with
    `FilterError`. Rules:
    - statuses default to submitted and accepted; "draft" and "returned" only with
      `include_drafts=True` (which alone selects all four). Every row has a `status`.
    - `audience="published"` (partners, public files): published reports only
      (`Report.published_clause()`: accepted, embargo over); no drafts, no confidential
      answers (asking for them raises FilterError).
    - confidential answers are left out unless the secretariat asks for them with
      `include_confidential=True`; they are then marked (`confidential` column in the
      long format, `confidential_keys` in the wide format).
    - answers hidden by a condition and questions outside the cycle's report kind
      (short/full) are never exported.
`build_plan(filters) -> ExportPlan`
    Resolves the filters once (cycles, formats, question labels in `language`); every
    function below accepts either filters or a plan.

Rows (dicts with typed Python values: int, Decimal, date, datetime, bool, str, None)
-------------------------------------------------------------------------------
`iter_long_rows(selection)`      one row per Party x cycle x question (x row x column);
                                 columns `LONG_FIELDS`. Rules in `reporting.exports.long`.
`iter_wide_rows(selection)`      one row per Party x cycle; columns `wide_fields(selection)`.
                                 Flattening rule in `reporting.exports.wide`.
`iter_codebook_rows(selection)`  one row per question and table column; `CODEBOOK_FIELDS`.
Each `Field` has `name`, `type` (Table Schema type) and `description`.

Files and streams (bytes)
-------------------------
`export_stream(shape, file_format, selection) -> Export(chunks, media_type, filename)`
    shape: "long" | "wide" | "codebook" | "datapackage"; file_format: "csv" | "xlsx" |
    "json" (a data package is a zip of CSVs: "csv" or None). Validates everything before
    returning, then `chunks` yields bytes. In a Flask view::

        export = export_stream("long", "csv", ExportFilters(cycles=["2025-full"]))
        return Response(stream_with_context(export.chunks), mimetype=export.media_type,
                        headers={"Content-Disposition": f"attachment; filename={export.filename}"})

`write_export(shape, file_format, selection, out)`  the same into a binary file object.

Formats: CSV is RFC 4180 in UTF-8 (no BOM), empty cell = no value, booleans true/false,
dates ISO 8601, date-times UTC with Z. XLSX has one sheet per table (long or wide, and
in the wide workbook one sheet per table question), a codebook sheet, a frozen header.
JSON is `{"shape", "generated_at", "language", "filters", "fields", "rows": [...]}`.
The data package holds long.csv, wide.csv, codebook.csv and datapackage.json.

`csv_row(values) -> list[str]`  the cells of one CSV row as every CSV of ORT writes them
    (text that would start a spreadsheet formula neutralised: `writers.neutralise_formula`);
    for any other CSV download (the secretariat's tables).
"""

from .codebook import iter_codebook_rows
from .fields import CODEBOOK_FIELDS, LONG_FIELDS, Field
from .filters import AUDIENCES, DEFAULT_STATUSES, ExportFilters, FilterError
from .long import iter_long_rows
from .output import FORMATS, MEDIA_TYPES, SHAPES, Export, export_stream, write_export
from .plan import ExportPlan, build_plan
from .wide import iter_wide_rows, wide_fields
from .writers import csv_row

__all__ = [
    "AUDIENCES",
    "CODEBOOK_FIELDS",
    "DEFAULT_STATUSES",
    "Export",
    "ExportFilters",
    "ExportPlan",
    "FORMATS",
    "Field",
    "FilterError",
    "LONG_FIELDS",
    "MEDIA_TYPES",
    "SHAPES",
    "build_plan",
    "csv_row",
    "export_stream",
    "iter_codebook_rows",
    "iter_long_rows",
    "iter_wide_rows",
    "wide_fields",
    "write_export",
]
