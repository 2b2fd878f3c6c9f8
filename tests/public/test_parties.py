"""The Parties' public pages and PDFs: published reports only, their cycles side by side,
never a confidential answer, a question that identifies a person or who submitted."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from reporting.models.types import utcnow
from reporting.pdf.fonts import FontsMissing
from reporting.public.views import parties
from tests.exports.factories import make_report
from tests.pdf.helpers import contains, text_of

from .conftest import get

FULL, SHORT = "2025-full", "2023-short"
#: What the focal points of tests/exports/factories.py are called (personal answers).
PERSONAL = ("FP MEX", "fp.mex@example.org", "FP CHN", "fp.chn@example.org")


def _page(client, iso3, lang="en") -> str:
    return get(client, f"/data/{lang}/parties/{iso3}").get_data(as_text=True)


def _pdf(client, iso3, cycle=FULL, lang="en") -> bytes:
    response = get(client, f"/data/{lang}/parties/{iso3}/{cycle}.pdf")
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    return response.data


def test_the_list_shows_the_parties_with_a_published_report(client, world):
    page = get(client, "/data/en/parties/").get_data(as_text=True)
    for name in ("Mexico", "China", "Brazil"):
        assert name in page
    # KEN under embargo; FRA submitted, DEU returned, JOR draft: none published.
    for name in ("Kenya", "France", "Germany", "Jordan", "India"):
        assert name not in page
    assert page.index("Brazil") < page.index("China") < page.index("Mexico")
    assert 'href="/data/en/parties/MEX"' in page
    assert "Latin American and Caribbean States" in page
    assert f'href="/data/en/parties/MEX/{SHORT}.pdf"' in page
    assert f'href="/data/en/parties/MEX/{FULL}.pdf"' in page


def test_the_list_is_sorted_by_name_in_the_pages_language(client, world):
    page = get(client, "/data/fr/parties/").get_data(as_text=True)
    assert page.index("Brésil") < page.index("Chine") < page.index("Mexique")
    assert 'href="/data/fr/parties/CHN"' in page


def test_the_menu_links_to_the_parties(client, world):
    page = get(client, "/data/en/").get_data(as_text=True)
    assert 'href="/data/en/parties/"' in page


def test_a_partys_page_shows_its_cycles_side_by_side(client, world):
    page = _page(client, "MEX")
    assert "<h1>Mexico</h1>" in page
    for cycle in (SHORT, FULL):
        assert f'href="/data/en/parties/MEX/{cycle}.pdf"' in page
    # The header of the answers' table: both cycles, oldest first.
    header = re.search(r"<thead>.*?</thead>", page, re.S).group(0)
    assert header.index(SHORT) < header.index(FULL)
    assert "<bdi>4.5</bdi> t" in page  # art3.exports.total_quantity in the full cycle
    assert "Did your country allow any export of mercury" in page


def test_answers_are_written_in_the_pages_language(client, world):
    assert "<bdi>4,5</bdi> t" in _page(client, "MEX", "fr")


def test_confidential_and_personal_answers_never_appear(client, world):
    page = _page(client, "CHN")
    assert "12.5" not in page and "12,5" not in page
    assert "confidential: not" not in page.lower() and "withheld" not in page.lower()
    for text in (page, _page(client, "MEX")):
        for personal in PERSONAL:
            assert personal not in text
        assert "Name and title of the contact officer" not in text


def test_the_published_pdf_has_no_confidential_answer_and_no_submitter(client, world):
    text = text_of(_pdf(client, "CHN"))
    assert contains(text, "China (CHN)")
    assert "12.5" not in text and "12,5" not in text
    assert not contains(text, "Confidential: not to be published.")
    mexico = text_of(_pdf(client, "MEX"))
    assert contains(mexico, "Mexico (MEX)") and contains(mexico, "4.5 t")
    for layer in (text, mexico):
        assert not contains(layer, "Submitted by")
        assert not contains(layer, "Name and title of the contact officer")
        for personal in PERSONAL:
            assert not contains(layer, personal)


def test_the_pdf_is_served_once_per_publication_state(client, world):
    first = get(client, f"/data/en/parties/MEX/{FULL}.pdf")
    assert first.headers["Content-Disposition"] == f'attachment; filename="MEX-{FULL}-en.pdf"'
    again = client.get(
        f"/data/en/parties/MEX/{FULL}.pdf", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304


def test_an_embargoed_report_is_hidden_until_its_embargo_ends(client, world, db):
    assert client.get("/data/en/parties/KEN").status_code == 404
    assert client.get(f"/data/en/parties/KEN/{FULL}.pdf").status_code == 404
    assert "Kenya" not in get(client, "/data/en/parties/").get_data(as_text=True)
    world["KEN full"].publish_after = utcnow() - timedelta(seconds=1)
    db.session.flush()
    assert "Kenya" in _page(client, "KEN")
    _pdf(client, "KEN")
    assert "Kenya" in get(client, "/data/en/parties/").get_data(as_text=True)


@pytest.mark.parametrize(
    "url",
    [
        "/data/en/parties/XYZ",
        "/data/en/parties/FRA",
        "/data/en/parties/JOR",
        "/data/en/parties/mex",
        "/data/en/parties/MEXICO",
        f"/data/en/parties/XYZ/{FULL}.pdf",
        f"/data/en/parties/FRA/{FULL}.pdf",
        f"/data/en/parties/DEU/{FULL}.pdf",
        f"/data/en/parties/BRA/{SHORT}.pdf",
        "/data/en/parties/MEX/1999-none.pdf",
        "/data/xx/parties/MEX",
    ],
)
def test_unknown_and_unpublished_are_not_found(client, world, url):
    assert client.get(url).status_code == 404


def test_the_arabic_page_is_right_to_left(client, world):
    page = _page(client, "MEX", "ar")
    assert 'dir="rtl"' in page and 'lang="ar"' in page
    assert 'dir="auto"' in page


@pytest.mark.parametrize("lang", ["ar", "zh", "ru"])
def test_the_pdf_renders_in_every_script(client, world, lang):
    _pdf(client, "MEX", FULL, lang)


def test_missing_fonts_are_a_503(client, world, monkeypatch):
    def no_fonts(*args, **kwargs):
        raise FontsMissing([])

    monkeypatch.setattr(parties, "render_report", no_fonts)
    response = client.get(f"/data/en/parties/MEX/{FULL}.pdf")
    assert response.status_code == 503
    assert b"PDFs cannot be made" in response.data


def test_a_partys_page_and_the_list_show_its_un_name_in_the_pages_language(
    client, world, full_cycle, reviewer
):
    make_report("BOL", full_cycle, "accepted", seed=10, reviewer=reviewer)
    page = _page(client, "BOL", lang="fr")
    assert "<h1>Bolivie (État plurinational de)</h1>" in page
    listing = get(client, "/data/fr/parties/").get_data(as_text=True)
    assert "Bolivie (État plurinational de)" in listing
    assert "<h1>Bolivia (Estado Plurinacional de)</h1>" in _page(client, "BOL", lang="es")
    assert contains(
        text_of(_pdf(client, "BOL", lang="fr")), "Bolivie (État plurinational de) (BOL)"
    )
