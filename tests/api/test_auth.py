"""Tokens: required, hashed at rest, revocable, scoped; every call is logged."""

from sqlalchemy import select

from reporting.api.clients import create_client, revoke_client, token_digest
from reporting.extensions import db
from reporting.models import ApiCall, ApiClient

from .conftest import bearer


def test_a_request_without_a_token_is_refused_with_401_and_a_bearer_challenge(client):
    response = client.get("/api/v1/parties")
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.get_json()["type"].endswith("/api/v1/problems/invalid-token")


def test_an_unknown_token_is_refused(client, partner_token):
    response = client.get("/api/v1/parties", headers=bearer(partner_token + "x"))
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_a_valid_token_is_accepted(client, partner):
    assert client.get("/api/v1/parties", headers=partner).status_code == 200


def test_tokens_are_stored_only_as_their_hash(partner_token):
    stored = db.session.scalars(select(ApiClient)).one()
    assert stored.token_hash == token_digest(partner_token)
    assert partner_token not in (stored.token_hash, stored.token_prefix, stored.scopes)


def test_a_revoked_token_stops_working_at_once(client):
    api_client, token = create_client("Former partner", "read:published")
    assert client.get("/api/v1/parties", headers=bearer(token)).status_code == 200
    revoke_client(api_client)
    db.session.commit()
    assert client.get("/api/v1/parties", headers=bearer(token)).status_code == 401


def test_a_token_without_the_needed_scope_gets_403(client, partner):
    response = client.get("/api/v1/webhooks", headers=partner)
    assert response.status_code == 403
    body = response.get_json()
    assert body["type"].endswith("/problems/insufficient-scope")
    assert body["required_scope"] == "webhooks:manage"
    assert 'error="insufficient_scope"' in response.headers["WWW-Authenticate"]


def test_every_call_is_logged_with_its_client_and_status(client, partner_token):
    client.get("/api/v1/parties?page_size=2", headers=bearer(partner_token))
    client.get("/api/v1/parties")
    calls = db.session.scalars(select(ApiCall).order_by(ApiCall.id)).all()
    api_client = db.session.scalars(select(ApiClient)).one()
    assert [(c.client_id, c.path, c.query, c.status) for c in calls] == [
        (api_client.id, "/api/v1/parties", "page_size=2", 200),
        (None, "/api/v1/parties", None, 401),
    ]
    assert all(c.duration_ms >= 0 and c.method == "GET" for c in calls)


def test_the_api_sets_no_cookie_even_when_a_language_is_chosen(client):
    # The web pages remember ?lang= in the session; the API is stateless.
    response = client.get("/api/v1/parties?lang=fr")
    assert response.status_code == 401
    assert "Set-Cookie" not in response.headers


def test_cli_creates_a_client_and_prints_its_token_once(app, client):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "ort",
            "create-api-client",
            "--name",
            "Dashboard",
            "--scopes",
            "read:published,webhooks:manage",
        ]
    )
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    assert token.startswith("ort_")
    stored = db.session.scalars(select(ApiClient).where(ApiClient.name == "Dashboard")).one()
    assert stored.scope_set == {"read:published", "webhooks:manage"}
    assert client.get("/api/v1/webhooks", headers=bearer(token)).status_code == 200
    listing = runner.invoke(args=["ort", "api-clients"])
    assert "Dashboard" in listing.output and token not in listing.output

    result = runner.invoke(args=["ort", "revoke-api-client", "--name", "Dashboard"])
    assert result.exit_code == 0, result.output
    assert client.get("/api/v1/webhooks", headers=bearer(token)).status_code == 401


def test_cli_refuses_unknown_scopes_and_bad_rate_limits(app):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["ort", "create-api-client", "--name", "X", "--scopes", "write:all"]
    )
    assert result.exit_code != 0 and "unknown scope" in result.output
    result = runner.invoke(args=["ort", "create-api-client", "--name", "X", "--rate-limit", "lots"])
    assert result.exit_code != 0 and "rate limit" in result.output
