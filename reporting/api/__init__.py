"""The REST API for partner data centres, under /api/v1/ (flask-smorest, OpenAPI 3).

Partners pull published reporting data by machine, every night or in real time:
- `spec`: the OpenAPI document and the browsable docs (assets served locally);
- `clients`, `auth`: API clients with hashed bearer tokens and scopes;
- `ratelimit`, `hooks`: per-client limits, the call log, headers, compression;
- `problems`, `errors`: RFC 9457 problem details with a stable type for every error;
- `visibility`: published data only for partners (no drafts, confidential answers or
  personal data);
- `feed`: the change feed with a cursor that never skips; `webhooks`: being told of it;
- `views/`: one blueprint per resource; their schemas live in `schemas/api/`.
"""
from flask import Flask


def init_api(app: Flask) -> None:
    from ..extensions import csrf
    from . import feed  # noqa: F401  (records report changes for the feed on every flush)
    from .errors import routing_error
    from .hooks import init_hooks
    from .ratelimit import init_rate_limits
    from .spec import make_api
    from .views import BLUEPRINTS

    api = make_api(app)
    init_hooks(app)
    init_rate_limits(app, BLUEPRINTS)
    for blueprint in BLUEPRINTS:
        csrf.exempt(blueprint)
        api.register_blueprint(blueprint)
    app.register_error_handler(400, routing_error)
    app.extensions["ort_api"] = api
