"""Error responses of the API: problem details for every error, a bare 304 for ETags."""

from __future__ import annotations

from flask import current_app, request
from flask_smorest.exceptions import NotModified
from werkzeug.exceptions import HTTPException

from ..extensions import db
from .problems import from_http_exception

API_PREFIX = "/api/v1"


def is_api_request() -> bool:
    return request.path == API_PREFIX or request.path.startswith(API_PREFIX + "/")


class NotModifiedEtag(NotModified):
    """304, remembering the ETag that matched (RFC 9110: a 304 carries it)."""

    def __init__(self, etag: str):
        super().__init__()
        self.etag = etag


def api_error(error: HTTPException):
    if isinstance(error, NotModifiedEtag):
        response = current_app.response_class(status=304)
        response.set_etag(error.etag)
    else:
        if (error.code or 500) >= 500:
            db.session.rollback()  # what failed must not be committed with the call log
        response = from_http_exception(error)
    return response


def routing_error(error: HTTPException):
    """Errors raised before a view (URL matching: 404, 405; a bad request) belong to no
    blueprint: answer them for API paths; elsewhere leave them to the app's generic
    handler, if it has one, or to Flask's default page."""
    if is_api_request():
        return api_error(error)
    generic = current_app.error_handler_spec.get(None, {}).get(None, {})
    for cls in type(error).__mro__:
        if cls in generic:
            return generic[cls](error)
    return error
