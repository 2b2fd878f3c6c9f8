"""/exports: the long, wide and codebook tables and the data package, streamed.

The same exports as the secretariat's downloads and `ort export`, for the token's
audience: partners get published reports only, without confidential answers or personal
data. Files stream as they are read, so memory stays flat however large they are.
"""

from flask import Response, stream_with_context
from flask.views import MethodView

from schemas.api.exports import ApiExportFileQuery, ApiExportQuery, ExportDocumentSchema

from ... import audit
from ...exports import MEDIA_TYPES, export_stream
from ..auth import READ_PUBLISHED, authenticate, require_scope
from ..blueprint import resource
from ..export_filters import plan_for

blp = resource("exports", __name__, "Exports: long, wide, codebook, data package.", "/exports")

FILE = {"type": "string", "format": "binary"}
CSV_DESCRIPTION = "The export as CSV (RFC 4180, UTF-8), JSON or XLSX, by `format`."


def streamed(export, shape: str, file_format: str, plan) -> Response:
    """The export as a streamed download, recorded in the audit trail with its client
    (committed with the call log, reporting.api.hooks)."""
    client = authenticate()
    audit.record(
        "export.api",
        shape=shape,
        format=file_format,
        filters=plan.filters.as_dict(),
        api_client=client.name,
        api_client_id=client.id,
    )
    return Response(
        stream_with_context(export.chunks),
        mimetype=export.media_type,
        headers={"Content-Disposition": f'attachment; filename="{export.filename}"'},
    )


@blp.route("/<any(long, wide, codebook):shape>")
class ExportFile(MethodView):
    @require_scope(READ_PUBLISHED)
    @blp.arguments(ApiExportFileQuery, location="query")
    @blp.response(200, {"type": "string"}, content_type="text/csv", description=CSV_DESCRIPTION)
    @blp.alt_response(
        200, schema=ExportDocumentSchema, content_type="application/json", success=True
    )
    @blp.alt_response(200, schema=FILE, content_type=MEDIA_TYPES["xlsx"], success=True)
    def get(self, args, shape):
        """An export table: long (one row per answer), wide (one per report) or codebook."""
        file_format = args.pop("file_format")
        plan = plan_for(args)
        return streamed(export_stream(shape, file_format, plan), shape, file_format, plan)


@blp.route("/datapackage")
class DataPackage(MethodView):
    @require_scope(READ_PUBLISHED)
    @blp.arguments(ApiExportQuery, location="query")
    @blp.response(
        200,
        FILE,
        content_type=MEDIA_TYPES["zip"],
        description="A Frictionless Data Package: long, wide and codebook CSVs "
        "with datapackage.json.",
    )
    def get(self, args):
        """The data package (zip) of the selection."""
        plan = plan_for(args)
        return streamed(export_stream("datapackage", "csv", plan), "datapackage", "csv", plan)
