"""Every page of the public dashboard, in every language: the right lang and dir, links
that stay in the language, nothing from another site, and light enough for slow links
(< 150 KB with the stylesheets and scripts it links)."""

from __future__ import annotations

import re

import pytest

from .conftest import get

LANGUAGES = {"en": "ltr", "fr": "ltr", "es": "ltr", "ru": "ltr", "zh": "ltr", "ar": "rtl"}
#: An address of every HTML page of the dashboard (files and PDFs are tested elsewhere).
PAGES = {
    "public.overview": "/data/{lang}/?cycle=2025-full",
    "public.question": "/data/{lang}/questions/art3.exports.total_quantity?cycle=2025-full",
    "public.figure_embed": "/data/{lang}/questions/art3.exports/regions/embed?cycle=2025-full",
    "public.parties": "/data/{lang}/parties/",
    "public.party": "/data/{lang}/parties/MEX",
    "public.performance": "/data/{lang}/performance",
    "public.open_data": "/data/{lang}/open-data",
}
#: Endpoints that answer files, not pages.
FILES = {
    "public.choose_language",
    "public.figure_file",
    "public.party_pdf",
    "public.performance_csv",
    "public.open_data_file",
}
LIMIT = 150 * 1024
_ASSET = re.compile(r'<(?:link[^>]+href|script[^>]+src|img[^>]+src)="([^"]+)"')
_ELSEWHERE = re.compile(r'(?:src|href|action|srcset)="(?:https?:)?//', re.I)


def test_every_public_page_is_listed(app):
    endpoints = {
        rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint.startswith("public.")
    }
    assert endpoints - FILES == set(PAGES), "add the page to PAGES (or to FILES)"


def _in_every_language(client, endpoint):
    for lang, direction in LANGUAGES.items():
        text = get(client, PAGES[endpoint].format(lang=lang)).get_data(as_text=True)
        assert f'<html lang="{lang}" dir="{direction}">' in text, (endpoint, lang)
        links = re.findall(r'href="(?:https?://[^/"]+)?(/data/[^"]*)"', text)
        assert links, endpoint
        foreign = [link for link in links if not link.startswith(f"/data/{lang}/")]
        # Only the language switcher links to the other languages' pages.
        assert len(foreign) <= len(LANGUAGES) - 1, (endpoint, lang, foreign[:5])


def _from_this_site_only(client, endpoint):
    response = get(client, PAGES[endpoint].format(lang="en"))
    text = response.get_data(as_text=True)
    loading = [
        m.group(0)
        for m in _ELSEWHERE.finditer(text)
        if not m.group(0).lower().startswith(("href", "action"))
    ]
    assert not loading, (endpoint, loading)
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp or "default-src 'none'" in csp


def _light(client, endpoint):
    for lang in ("en", "ar"):
        page = get(client, PAGES[endpoint].format(lang=lang))
        total = len(page.data)
        for asset in set(_ASSET.findall(page.get_data(as_text=True))):
            response = client.get(asset)
            assert response.status_code == 200, asset
            total += len(response.data)
            response.close()
        assert total < LIMIT, (endpoint, lang, total)


@pytest.mark.parametrize("endpoint", sorted(PAGES))
def test_every_page_in_every_language_from_this_site_only_and_light(client, world, endpoint):
    _in_every_language(client, endpoint)
    _from_this_site_only(client, endpoint)
    _light(client, endpoint)
