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

import os
from collections.abc import Callable
from typing import Any

from flask import Flask

#: Settings of the API, from the environment (the test config may override them).
SETTINGS: dict[str, tuple[Any, Callable[[str], Any]]] = {
    "ORT_API_RATE_LIMIT": ("1000 per hour", str),  # per client, unless the client has its own
    "ORT_API_ANONYMOUS_RATE_LIMIT": ("60 per minute", str),  # per address, without a token
    "ORT_WEBHOOK_TIMEOUT": (10, int),  # seconds per delivery attempt
    "ORT_WEBHOOK_MAX_ATTEMPTS": (8, int),
    "ORT_WEBHOOK_RETRY_BASE": (60, int),  # seconds before the first retry, doubled each time
    "ORT_WEBHOOK_RETRY_CAP": (6 * 3600, int),
    "ORT_WEBHOOK_ALLOW_PRIVATE_TARGETS": (False, lambda v: v == "1"),  # closed networks only
}


def configure(app: Flask) -> None:
    for name, (default, parse) in SETTINGS.items():
        raw = os.environ.get(name)
        app.config.setdefault(name, parse(raw) if raw is not None else default)


def init_api(app: Flask) -> None:
    from ..extensions import csrf
    from . import feed
    from .hooks import init_hooks
    from .ratelimit import init_rate_limits
    from .spec import make_api
    from .views import BLUEPRINTS

    configure(app)
    feed.listen()
    api = make_api(app)
    init_hooks(app)
    init_rate_limits(app, BLUEPRINTS)
    for blueprint in BLUEPRINTS:
        csrf.exempt(blueprint)
        api.register_blueprint(blueprint)
    app.extensions["ort_api"] = api
