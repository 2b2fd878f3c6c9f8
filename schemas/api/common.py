"""Schemas shared by every API resource: problem details, paging, languages."""

from marshmallow import RAISE, Schema, fields, validate

#: Bounds of integer identifiers in URLs and queries: the database's 32-bit integer.
MAX_ID = 2**31 - 1
LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar")


#: Codes in filters (cycle, Party, article, question keys): letters, digits, . _ -
CODE = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$"


def code_list(name: str, description: str):
    """A repeatable code filter (`?cycle=a&cycle=b`)."""
    return fields.List(
        fields.String(validate=validate.Regexp(CODE)),
        load_default=list,
        data_key=name,
        metadata={"description": description},
    )


class StrictQuery(Schema):
    """Unknown query parameters are an error (422), so a typo never widens a query."""

    class Meta:
        unknown = RAISE


class PageQuery(StrictQuery):
    page = fields.Integer(
        load_default=1,
        validate=validate.Range(min=1, max=100_000),
        metadata={"description": "Page number, from 1."},
    )
    page_size = fields.Integer(
        load_default=50,
        validate=validate.Range(min=1, max=500),
        metadata={"description": "Items per page (at most 500)."},
    )


class LanguageQuery(StrictQuery):
    lang = fields.String(
        validate=validate.OneOf(LANGUAGES),
        metadata={"description": "Language of texts; else from Accept-Language, else English."},
    )


class ProblemSchema(Schema):
    """RFC 9457 problem details: the body of every error response."""

    type = fields.Url(
        required=True,
        metadata={"description": "Stable URI of the problem type; it documents the problem."},
    )
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String()
    instance = fields.String(metadata={"description": "The path of the request."})
    request_id = fields.String(
        metadata={
            "description": "The request's id (also in the X-Request-Id response header): quote "
            "it when reporting a problem; the server's logs are found by it."
        }
    )
    errors = fields.Dict(
        metadata={"description": "Validation messages by location (query, json, path) and field."}
    )
    required_scope = fields.String(
        metadata={"description": "The scope the request needed (insufficient-scope only)."}
    )


PAGED_HEADERS = {
    "X-Total-Count": {
        "description": "Number of items in all pages.",
        "schema": {"type": "integer"},
    },
    "Link": {
        "description": "RFC 8288 links to the first, prev, next and last pages.",
        "schema": {"type": "string"},
    },
}
