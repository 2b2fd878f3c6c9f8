"""The OpenAPI 3 document (/api/v1/openapi.json) and the browsable docs (/api/v1/docs).

flask-smorest builds the document from the blueprints' schemas. Two departures from its
defaults: errors are documented as `application/problem+json` with the problem schema,
and its app-wide JSON error handler is not installed (the web pages keep their own; API
errors are handled per blueprint, see `errors`). The Swagger UI page loads its script and
styles from the app (the `flask-swagger-ui` package bundles Swagger UI), never a CDN.
"""

from __future__ import annotations

import http
from pathlib import Path

import flask_swagger_ui
from flask import Blueprint, Flask, send_from_directory
from flask_smorest import Api
from flask_smorest.utils import prepare_response

from schemas.api.common import ProblemSchema

from .errors import API_PREFIX
from .problems import PROBLEM_MIMETYPE

SWAGGER_UI_DIR = Path(flask_swagger_ui.__file__).parent / "dist"
ASSETS_PATH = f"{API_PREFIX}/docs/assets/"

DESCRIPTION = """\
Published national reports under the Minamata Convention on Mercury, for partner data
centres and dashboards.

**Authentication.** Send `Authorization: Bearer <token>`. Tokens are issued by the
secretariat with scopes: `read:published` (published data only: accepted reports past any
embargo, without confidential answers or personal data), `read:all` (everything) and
`webhooks:manage` (the client's own webhooks).

**Incremental sync.** Read `/changes?after=<cursor>` and keep `next_cursor`: every change
appears once, in order, including reports published when an embargo ends. Or register a
webhook and be told.

**HTTP.** Lists are paged (`page`, `page_size`) with `X-Total-Count` and `Link` headers.
Responses carry an `ETag`; send it back in `If-None-Match` to get `304 Not Modified`.
Responses are compressed when asked (`Accept-Encoding`). Errors are RFC 9457 problem
details (`application/problem+json`) whose `type` is stable. Each client has a rate limit:
over it, `429` with `Retry-After`.
"""


ERROR_HEADERS = {
    "WWW-Authenticate": {
        "description": "401 and 403: the Bearer challenge.",
        "schema": {"type": "string"},
    },
    "Retry-After": {
        "description": "429: seconds to wait before trying again.",
        "schema": {"type": "integer"},
    },
    "Allow": {
        "description": "405: the methods the resource supports.",
        "schema": {"type": "string"},
    },
}


class OrtApi(Api):
    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self):
        """Not app-wide: see the module docstring."""

    def register_blueprint(self, blp, *, parameters=None, **options):
        """flask-smorest's, with the resource's tag rather than the blueprint's name."""
        name = options.get("name", blp.name)
        self._app.extensions["flask-smorest"]["blp_name_to_api"][name] = self
        self._app.register_blueprint(blp, **options)
        blp.register_views_in_doc(self, self._app, self.spec, name=name, parameters=parameters)
        self.spec.tag({"name": getattr(blp, "tag", name), "description": blp.description})

    def _register_responses(self):
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
            content_type = PROBLEM_MIMETYPE if status >= 400 else self.DEFAULT_RESPONSE_CONTENT_TYPE
            prepare_response(response, self.spec, content_type)
            self.spec.components.response(status.name, response, lazy=True)
        response = {
            "description": "Error (problem details)",
            "schema": self.ERROR_SCHEMA,
            "headers": ERROR_HEADERS,
        }
        prepare_response(response, self.spec, PROBLEM_MIMETYPE)
        self.spec.components.response(self.DEFAULT_ERROR_RESPONSE_NAME, response, lazy=True)


def configure(app: Flask) -> None:
    defaults = {
        "API_TITLE": "ORT API",
        "API_VERSION": "1.0",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": API_PREFIX,
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "docs",
        "OPENAPI_SWAGGER_UI_URL": ASSETS_PATH,
        # No call to the public validator: the docs page requests nothing outside the app.
        "OPENAPI_SWAGGER_UI_CONFIG": {"validatorUrl": None, "deepLinking": True},
        "API_SPEC_OPTIONS": {
            "info": {"description": DESCRIPTION},
            "security": [{"bearerAuth": []}],
        },
    }
    for key, value in defaults.items():
        app.config.setdefault(key, value)


def make_api(app: Flask) -> OrtApi:
    configure(app)
    api = OrtApi(app)
    api.spec.components.security_scheme(
        "bearerAuth",
        {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token: ort_... (scopes read:published, read:all, webhooks:manage).",
        },
    )
    app.register_blueprint(assets)
    return api


assets = Blueprint("api_docs_assets", __name__)


@assets.get(f"{ASSETS_PATH}<path:filename>")
def asset(filename: str):
    """Swagger UI's script and styles, served by the app (Apache-2.0, see dist/LICENSE)."""
    return send_from_directory(SWAGGER_UI_DIR, filename, max_age=86400)
