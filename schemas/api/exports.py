"""Query parameters of the API's exports and aggregates, and the JSON export document.

The filters are those of `schemas.exports.ExportQuerySchema` (the CLI's names: cycle,
article, question, region, party, status, include_drafts, include_confidential, lang),
strict about unknown parameters. Who may see what is decided by the token, not the query.
"""

from marshmallow import RAISE, Schema, fields, validate

from schemas.exports import ExportQuerySchema

from .common import LANGUAGES, PageQuery, code_list


class ApiExportQuery(ExportQuerySchema):
    class Meta:
        unknown = RAISE

    cycles = code_list("cycle", "Cycle code, e.g. 2025-full (repeat for several).")
    articles = code_list("article", "Article number, e.g. 3.")
    questions = code_list("question", "Question key, e.g. art3.exports.")
    parties = code_list("party", "ISO3 code of a Party.")

    language = fields.String(
        load_default="en",
        data_key="lang",
        validate=validate.OneOf(LANGUAGES),
        metadata={"description": "Language of texts and labels."},
    )


class ApiExportFileQuery(ApiExportQuery):
    file_format = fields.String(
        load_default="csv",
        data_key="format",
        validate=validate.OneOf(["csv", "json", "xlsx"]),
        metadata={"description": "csv (RFC 4180, UTF-8), json or xlsx."},
    )


class ApiAggregateQuery(ApiExportQuery, PageQuery):
    class Meta(ApiExportQuery.Meta, PageQuery.Meta):
        pass


class ExportDocumentSchema(Schema):
    """The JSON export: metadata, the fields, and one object per row."""

    shape = fields.String(required=True)
    generated_at = fields.String(required=True)
    language = fields.String(required=True)
    filters = fields.Dict(required=True)
    fields_ = fields.List(fields.Dict(), data_key="fields", required=True)
    rows = fields.List(fields.Dict(), required=True)
