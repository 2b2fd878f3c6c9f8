"""Slowing down password guessing: one per-address budget for logging in and asking for links.

Counters live in `RATELIMIT_STORAGE_URI` (memory:// by default, Redis when several workers
or hosts serve), so the budget is shared by every worker; `RATELIMIT_ENABLED` turns it off
(the tests do). Each application gets its own limiter (kept in `app.extensions`), so that
creating an app never changes another one's limits. The API has its own limiter and
budgets (reporting.api.ratelimit).
"""

from collections.abc import Callable
from typing import Any

from flask import Flask, current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

EXTENSION_KEY = "ort_web_limiter"
DEFAULT_LOGIN_LIMIT = "10 per minute;100 per day"
#: The views whose posts count against the budget.
LIMITED_VIEWS = ("auth.login", "auth.forgot_password")


def init_limits(app: Flask) -> Limiter:
    """Give the app its limiter and wrap the limited views (call once their routes exist)."""
    app.config.setdefault("ORT_LOGIN_RATE_LIMIT", DEFAULT_LOGIN_LIMIT)
    limiter = Limiter(key_func=get_remote_address, key_prefix="ort-web", strategy="moving-window")
    limiter.init_app(app)
    limit = limiter.shared_limit(login_limit, scope="login", methods=["POST"])
    for endpoint in LIMITED_VIEWS:
        view: Callable[..., Any] = app.view_functions[endpoint]  # sync or async, to the limiter
        app.view_functions[endpoint] = limit(view)
    app.extensions[EXTENSION_KEY] = limiter
    return limiter


def login_limit() -> str:
    return current_app.config["ORT_LOGIN_RATE_LIMIT"]
