"""The language switcher of the public pages keeps the page's query arguments."""

from __future__ import annotations


def test_a_lang_argument_in_the_query_does_not_break_the_language_links(client, world):
    response = client.get("/data/fr/parties/?lang=es")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert 'href="/data/en/parties/' in text
    assert 'hreflang="ar"' in text


def test_the_language_links_take_no_url_options_from_the_query(client, world):
    text = client.get("/data/fr/parties/?_external=1&_scheme=javascript").get_data(as_text=True)
    assert "javascript:" not in text
    assert 'href="/data/en/parties/' in text
