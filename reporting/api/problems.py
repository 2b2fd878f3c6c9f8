"""Errors as RFC 9457 problem details (`application/problem+json`), one stable type each.

Every error the API returns, whether raised by a view (`abort_problem`), by webargs
(422), by Flask-Limiter (429) or by routing (404, 405), becomes a problem object whose
`type` is an absolute URI under `/api/v1/problems/<slug>`; that page documents it. Clients
branch on `type` (or `status`); `title` is for people and follows the request language.
"""

from __future__ import annotations

import http
from dataclasses import dataclass
from typing import NoReturn

from flask import current_app, jsonify, request, url_for
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException, InternalServerError

from ..observability.context import current_request_id

PROBLEM_MIMETYPE = "application/problem+json"


@dataclass(frozen=True)
class ProblemType:
    slug: str
    status: int
    title: object  #: lazy translated string
    description: object


_TYPES = [
    ProblemType(
        "bad-request",
        400,
        _l("Bad request"),
        _l(
            "The request could not be read: malformed JSON, a cursor that is not one, "
            "or parameters that contradict each other."
        ),
    ),
    ProblemType(
        "invalid-token",
        401,
        _l("Authentication required"),
        _l("Send a valid, unrevoked API token as 'Authorization: Bearer <token>'."),
    ),
    ProblemType(
        "insufficient-scope",
        403,
        _l("Insufficient scope"),
        _l(
            "The token is valid but its scopes do not allow this request, e.g. a "
            "partner token asking for unpublished reports."
        ),
    ),
    ProblemType("forbidden", 403, _l("Forbidden"), _l("This request is not allowed.")),
    ProblemType(
        "not-found",
        404,
        _l("Not found"),
        _l(
            "No such resource, or none that this token may see; for exports and "
            "aggregates, a filter naming a cycle, Party, article or question that "
            "does not exist."
        ),
    ),
    ProblemType(
        "method-not-allowed",
        405,
        _l("Method not allowed"),
        _l(
            "The resource exists but does not support this HTTP method; the Allow "
            "header lists those it supports."
        ),
    ),
    ProblemType(
        "not-acceptable",
        406,
        _l("Not acceptable"),
        _l("The resource cannot be given in a media type the client accepts."),
    ),
    ProblemType(
        "conflict",
        409,
        _l("Conflict"),
        _l(
            "The request conflicts with the current state of the resource, e.g. a "
            "webhook registered twice for the same URL."
        ),
    ),
    ProblemType(
        "cursor-ahead",
        409,
        _l("Cursor ahead of the feed"),
        _l(
            "The cursor is beyond the last change of this server's feed: it did not "
            "come from this server. Start again without a cursor."
        ),
    ),
    ProblemType(
        "integrity-error",
        409,
        _l("Integrity error"),
        _l(
            "The stored content of a submitted version no longer matches the SHA-256 "
            "recorded at submission; it is not served. The mismatch is logged and shown "
            "to the secretariat."
        ),
    ),
    ProblemType(
        "payload-too-large",
        413,
        _l("Payload too large"),
        _l("The request body is larger than the server accepts."),
    ),
    ProblemType(
        "unsupported-media-type",
        415,
        _l("Unsupported media type"),
        _l("Send the request body as application/json."),
    ),
    ProblemType(
        "validation-error",
        422,
        _l("Invalid parameters"),
        _l(
            "Parameters or body fields failed validation; 'errors' lists the messages "
            "by location and field."
        ),
    ),
    ProblemType(
        "rate-limited",
        429,
        _l("Too many requests"),
        _l(
            "The client exceeded its rate limit; retry after the number of seconds "
            "given in the Retry-After header."
        ),
    ),
    ProblemType(
        "internal-error",
        500,
        _l("Internal server error"),
        _l("The server failed to answer. The error was logged."),
    ),
    ProblemType(
        "service-unavailable",
        503,
        _l("Service unavailable"),
        _l(
            "The database cannot be reached at the moment; retry after the number of "
            "seconds given in the Retry-After header."
        ),
    ),
    ProblemType(
        "http-error", 0, _l("HTTP error"), _l("Any other HTTP error; 'status' gives its code.")
    ),
]
PROBLEM_TYPES: dict[str, ProblemType] = {t.slug: t for t in _TYPES}
#: The type used for a status when the code raising the error named none.
_BY_STATUS = {
    400: "bad-request",
    401: "invalid-token",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    406: "not-acceptable",
    409: "conflict",
    413: "payload-too-large",
    415: "unsupported-media-type",
    422: "validation-error",
    429: "rate-limited",
    500: "internal-error",
    503: "service-unavailable",
}


class ApiProblem(HTTPException):
    """An error with a problem type, raised by API code through `abort_problem`."""

    code: int

    def __init__(
        self,
        slug: str,
        detail: str | None = None,
        *,
        status: int | None = None,
        headers: dict | None = None,
        **extensions,
    ):
        problem = PROBLEM_TYPES[slug]
        self.code = status or problem.status
        self.slug = slug
        self.detail = detail
        self.headers = headers or {}
        self.extensions = extensions
        super().__init__(description=detail)


def abort_problem(slug: str, detail: str | None = None, **kwargs) -> NoReturn:
    raise ApiProblem(slug, detail, **kwargs)


def type_uri(slug: str) -> str:
    return url_for("api_problems.ProblemType", slug=slug, _external=True)


def problem_response(
    status: int,
    slug: str | None = None,
    detail: str | None = None,
    headers: dict | None = None,
    **extensions,
):
    slug = slug or _BY_STATUS.get(status, "http-error")
    problem = PROBLEM_TYPES[slug]
    title = str(problem.title) if problem.status else http.HTTPStatus(status).phrase
    body = {"type": type_uri(slug), "title": title, "status": status}
    if detail:
        body["detail"] = str(detail)
    body["instance"] = request.path
    body["request_id"] = current_request_id()  # to quote when reporting the error
    body.update({k: v for k, v in extensions.items() if v is not None})
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM_MIMETYPE
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def from_http_exception(error: HTTPException):
    """The problem response for any HTTPException raised while answering an API request."""
    if isinstance(error, ApiProblem):
        return problem_response(
            error.code, error.slug, error.detail, error.headers, **error.extensions
        )
    status = error.code or 500
    headers: dict[str, str] = {}
    data = getattr(error, "data", None) or {}  # set by webargs' abort
    errors = data.get("errors") or data.get("messages")
    headers.update(data.get("headers") or {})
    if status == 405:
        # flask-smorest's own handler drops Allow (STACK-NOTES); keep it.
        allowed = getattr(error, "valid_methods", None)
        if allowed:
            headers["Allow"] = ", ".join(sorted(allowed))
    # Werkzeug's stock descriptions are English boilerplate; only a specific one is news.
    custom = error.description and error.description != type(error).description
    detail = error.description if custom and status < 500 and not errors else None
    if isinstance(error, InternalServerError):
        current_app.logger.error("API error on %s", request.path, exc_info=error.original_exception)
    return problem_response(
        status, detail=detail, headers=headers, errors=_jsonable_errors(errors) if errors else None
    )


def _jsonable_errors(errors):
    """webargs' messages keyed by location, with any non-string keys made strings."""
    if isinstance(errors, dict):
        return {str(k): _jsonable_errors(v) for k, v in errors.items()}
    if isinstance(errors, (list, tuple)):
        return [_jsonable_errors(v) for v in errors]
    return str(errors)
