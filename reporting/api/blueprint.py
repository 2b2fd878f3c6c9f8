"""The blueprint every API resource uses: flask-smorest's, with problem-details errors and
ETags that answer 304 with the ETag and that cover the paging headers."""

from flask import request
from flask_smorest import Blueprint
from webargs.flaskparser import FlaskParser
from werkzeug.exceptions import HTTPException

from .errors import API_PREFIX, NotModifiedEtag, api_error


class StrictParser(FlaskParser):
    """Query strings obey their schema's `unknown` (RAISE): a misspelt filter is an error,
    not a silently wider answer."""

    DEFAULT_UNKNOWN_BY_LOCATION = {**FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION, "query": None}


class ApiBlueprint(Blueprint):
    ARGUMENTS_PARSER = StrictParser()
    #: The resource's name in the OpenAPI document (blueprint names carry an "api_" prefix
    #: to stay apart from the web pages' blueprints).
    tag: str

    def route(self, rule, *, parameters=None, tags=None, **options):
        return super().route(rule, parameters=parameters, tags=tags or [self.tag], **options)

    #: A page's ETag changes when the total or the links change, not only its items.
    ETAG_INCLUDE_HEADERS = ["X-Total-Count", "Link"]

    def _check_not_modified(self, etag):
        if request.method in self.METHODS_CHECKING_NOT_MODIFIED and etag in request.if_none_match:
            raise NotModifiedEtag(etag)


def resource(tag: str, import_name: str, description: str, path: str = "") -> ApiBlueprint:
    """A blueprint for one API resource under /api/v1/ (blueprint `api_<tag>`)."""
    blueprint = ApiBlueprint(
        f"api_{tag}", import_name, url_prefix=API_PREFIX + path, description=description
    )
    blueprint.tag = tag
    blueprint.register_error_handler(HTTPException, api_error)
    return blueprint
