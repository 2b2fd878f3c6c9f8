"""Every page renders in each of the six languages with the right `lang` and `dir`,
and in that language (a translated interface string is on the page)."""

import re

import pytest
from flask_babel import force_locale, gettext

from reporting.extensions import db as _db
from reporting.reports import workflow
from tests.web.helpers import login

LANGUAGES = ["ar", "en", "es", "fr", "ru", "zh"]


def _html_tag(html):
    return re.search(r"<html[^>]*>", html).group(0)


def _assert_in_language(app, html, lang, marker):
    assert f'lang="{lang}"' in _html_tag(html)
    assert f'dir="{"rtl" if lang == "ar" else "ltr"}"' in _html_tag(html)
    with app.test_request_context("/"), force_locale(lang):
        expected = gettext(marker)
    if lang != "en":
        assert expected != marker, f"{marker!r} is not translated into {lang}"
    assert expected in html.replace("&#39;", "'")


@pytest.fixture
def report(app, party_a, short_cycle, focal_point):
    with app.test_request_context("/"):  # closed before the client's requests
        report = workflow.start_report(party_a, short_cycle, focal_point, carry_over=False)
        _db.session.commit()
    return report


@pytest.mark.parametrize("lang", LANGUAGES)
def test_focal_point_pages_render_in_every_language(app, client, focal_point, report, lang):
    login(client, focal_point)
    urls = [
        "/",
        f"/reports/{report.id}",
        f"/reports/{report.id}/pages/art3",
        f"/reports/{report.id}/review",
        f"/reports/{report.id}/versions",
        f"/reports/{report.id}/queries",
        "/team/",
    ]
    for url in urls:
        response = client.get(f"{url}?lang={lang}", follow_redirects=True)
        assert response.status_code == 200, url
        _assert_in_language(app, response.get_data(as_text=True), lang, "Log out")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_secretariat_pages_render_in_every_language(app, client, secretariat, report, lang):
    login(client, secretariat)
    urls = [
        "/secretariat/",
        "/secretariat/cycles/2023-short",
        "/secretariat/users",
        "/secretariat/analysis/",
        "/secretariat/outbox",
        "/secretariat/reporting-cycles",
        "/secretariat/reporting-cycles/new",
        "/secretariat/reporting-cycles/2023-short/edit",
    ]
    for url in urls:
        response = client.get(f"{url}?lang={lang}", follow_redirects=True)
        assert response.status_code == 200, url
        _assert_in_language(app, response.get_data(as_text=True), lang, "Log out")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_reporting_formats_page_renders_in_every_language(app, client, admin, lang):
    login(client, admin)
    response = client.get(f"/secretariat/formats?lang={lang}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    _assert_in_language(app, page, lang, "Log out")
    _assert_in_language(app, page, lang, "Import an edited workbook")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_login_page_renders_in_every_language(app, client, lang):
    response = client.get(f"/login?lang={lang}")
    assert response.status_code == 200
    _assert_in_language(app, response.get_data(as_text=True), lang, "Password")
