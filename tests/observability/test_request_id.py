"""Every response carries a request id (the client's when it is sane, else a new one),
and error pages and problem documents show it, so that a user can quote it."""

import re

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy.exc import OperationalError

from ..web.helpers import login

HEX = re.compile(r"[0-9a-f]{32}")


def test_a_sane_request_id_comes_back(client):
    response = client.get("/healthz", headers={"X-Request-Id": "lb-7.a_B-9"})
    assert response.headers["X-Request-Id"] == "lb-7.a_B-9"


def test_a_request_without_an_id_gets_a_new_one(client):
    first = client.get("/healthz").headers["X-Request-Id"]
    second = client.get("/healthz").headers["X-Request-Id"]
    assert HEX.fullmatch(first) and HEX.fullmatch(second) and first != second


@pytest.mark.parametrize("given", ["a" * 65, "two words", "<script>", "id\u00e9", ""])
def test_an_unusable_request_id_is_replaced(client, given):
    response = client.get("/healthz", headers={"X-Request-Id": given})
    assert HEX.fullmatch(response.headers["X-Request-Id"])


def test_static_files_and_api_answers_carry_it_too(client):
    static = client.get("/static/css/ort.css")
    static.close()
    assert HEX.fullmatch(static.headers["X-Request-Id"])
    assert HEX.fullmatch(client.get("/api/v1/no-such-thing").headers["X-Request-Id"])


def _reference(lang: str, request_id: str) -> str:
    with force_locale(lang):
        return gettext("Reference: %(id)s", id=request_id)


def test_the_not_found_page_shows_the_reference_in_the_users_language(client):
    response = client.get("/no/such/page?lang=fr", headers={"X-Request-Id": "ticket-404"})
    assert response.status_code == 404
    assert _reference("fr", "ticket-404") != "Reference: ticket-404"
    assert _reference("fr", "ticket-404") in response.text


def test_the_server_error_page_shows_the_reference(app, client, focal_point, monkeypatch):
    def broken():
        raise RuntimeError("boom")

    monkeypatch.setitem(app.view_functions, "home.index", broken)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)  # as in production
    login(client, focal_point)
    response = client.get("/?lang=es")
    assert response.status_code == 500
    request_id = response.headers["X-Request-Id"]
    assert _reference("es", request_id) in response.text


def test_problem_documents_carry_the_request_id(client):
    response = client.get("/api/v1/no-such-thing", headers={"X-Request-Id": "api-call-1"})
    assert response.mimetype == "application/problem+json"
    assert response.json["request_id"] == "api-call-1"
    assert response.headers["X-Request-Id"] == "api-call-1"


def test_the_problem_schema_documents_the_request_id(client):
    spec = client.get("/api/v1/openapi.json").json
    problem = next(s for name, s in spec["components"]["schemas"].items() if "Problem" in name)
    assert "request_id" in problem["properties"]


def test_the_unavailable_page_shows_the_reference(app, client, monkeypatch):
    def database_down():
        raise OperationalError("SELECT 1", {}, ConnectionRefusedError("connection refused"))

    monkeypatch.setitem(app.view_functions, "health.healthz", database_down)
    response = client.get("/healthz?lang=ar", headers={"X-Request-Id": "db-down-1"})
    assert response.status_code == 503
    assert _reference("ar", "db-down-1") in response.text


def test_the_expired_form_page_shows_the_reference(app, client, focal_point, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    login(client, focal_point)
    response = client.post("/logout?lang=ru", headers={"X-Request-Id": "old-form-1"})
    assert response.status_code == 400
    assert _reference("ru", "old-form-1") in response.text
