"""Per-client rate limits (Flask-Limiter): 429 with Retry-After, one budget per client."""

import pytest
from sqlalchemy import select

from reporting import create_app
from reporting.api.clients import create_client
from reporting.extensions import db as _db
from reporting.models import ApiCall

from .conftest import bearer


@pytest.fixture
def limited_app(app):
    """The test app has rate limits off; this one has them on, on the same database."""
    limited = create_app(
        {
            **app.config,
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_STORAGE_URI": "memory://",
            "ORT_API_RATE_LIMIT": "3 per minute",
            "ORT_API_ANONYMOUS_RATE_LIMIT": "2 per minute",
        }
    )
    yield limited
    with limited.app_context():
        _db.engine.dispose()


def test_a_client_over_its_limit_gets_429_with_retry_after(limited_app):
    client = limited_app.test_client()
    headers = bearer(create_client("Busy partner", "read:published")[1])
    remaining = [
        client.get("/api/v1/cycles", headers=headers).headers["X-RateLimit-Remaining"]
        for _ in range(3)
    ]
    assert remaining == ["2", "1", "0"]
    refused = client.get("/api/v1/cycles", headers=headers)
    assert refused.status_code == 429
    assert refused.mimetype == "application/problem+json"
    assert refused.get_json()["type"].endswith("/problems/rate-limited")
    assert 1 <= int(refused.headers["Retry-After"]) <= 61  # the minute, rounded up
    assert _db.session.scalars(select(ApiCall.status).order_by(ApiCall.id)).all() == [
        200,
        200,
        200,
        429,
    ]


def test_each_client_has_its_own_budget_and_may_have_its_own_limit(limited_app):
    client = limited_app.test_client()
    generous = bearer(create_client("Generous", "read:published", "5 per minute")[1])
    default = bearer(create_client("Default", "read:published")[1])
    assert [client.get("/api/v1/cycles", headers=generous).status_code for _ in range(6)] == [
        200
    ] * 5 + [429]
    assert [client.get("/api/v1/parties/MEX", headers=default).status_code for _ in range(4)] == [
        200
    ] * 3 + [429]


def test_requests_without_a_token_share_a_small_budget_per_address(limited_app):
    client = limited_app.test_client()
    assert [client.get("/api/v1/reports").status_code for _ in range(3)] == [401, 401, 429]


def test_web_pages_are_not_rate_limited_by_the_api(limited_app):
    client = limited_app.test_client()
    assert {client.get("/healthz").status_code for _ in range(5)} == {200}
