"""Errors anywhere outside the API are pages in the user's language, never the
framework's English ones; the API keeps answering problem+json."""

import html

import pytest
from flask_babel import force_locale, gettext

from reporting.web.errors import MESSAGES

from .helpers import login


def _in(lang: str, text: str) -> str:
    with force_locale(lang):
        return gettext(text)


@pytest.mark.parametrize("lang", ["fr", "zh"])
def test_a_wrong_address_gets_a_translated_not_found_page(client, lang):
    response = client.get(f"/no/such/page?lang={lang}")
    assert response.status_code == 404
    assert f'<html lang="{lang}"' in response.text
    assert _in(lang, "Page not found") != "Page not found"
    assert _in(lang, "Page not found") in response.text


def test_a_focal_point_on_a_secretariat_page_gets_a_translated_forbidden_page(client, focal_point):
    login(client, focal_point)
    response = client.get("/secretariat/?lang=ar")
    assert response.status_code == 403
    assert '<html lang="ar" dir="rtl">' in response.text
    assert _in("ar", "Your account cannot do this.") in response.text


def test_a_server_error_gets_a_translated_page_and_a_500(app, client, focal_point, monkeypatch):
    def broken():
        raise RuntimeError("boom")

    monkeypatch.setitem(app.view_functions, "home.index", broken)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)  # as in production
    login(client, focal_point)
    response = client.get("/?lang=es")
    assert response.status_code == 500
    assert _in("es", "Something went wrong") in response.text
    assert "boom" not in response.text


def test_an_upload_over_the_request_limit_says_so_in_the_users_language(
    app, client, focal_point, report_a, monkeypatch
):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 2 * 1024 * 1024)
    login(client, focal_point)
    response = client.post(
        f"/reports/{report_a.id}/pages/art3?lang=fr", data={"big": "x" * (3 * 1024 * 1024)}
    )
    assert response.status_code == 413
    with force_locale("fr"):
        explanation = str(MESSAGES[413][1]) % {"size": "2"}
    assert _in("fr", "Too large to send") in response.text
    assert explanation in html.unescape(response.text)


def test_the_api_still_answers_its_errors_as_problem_json(client):
    response = client.get("/api/v1/no-such-resource")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


def test_every_page_outside_the_api_carries_the_security_headers(
    client, focal_point, secretariat, short_cycle
):
    """Not only the focal points' pages: the secretariat's, PDFs and error pages too."""
    login(client, secretariat)
    responses = [
        client.get("/secretariat/"),
        client.get("/no/such/page"),
        client.get(f"/cycles/{short_cycle.code}/questionnaire.pdf"),
    ]
    for response in responses:
        assert "default-src 'self'" in response.headers["Content-Security-Policy"], (
            response.request.path
        )
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
