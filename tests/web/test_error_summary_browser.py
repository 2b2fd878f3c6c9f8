"""The page after a save with problems, in Chromium: the summary has the focus, its links
put the cursor in their fields, the page passes axe-core (WCAG 2.1 AA) in English and
Arabic at desktop width and at 320 px. Set ORT_SCREENSHOTS to a folder to keep
screenshots."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from flask import g

from .browser import AXE, CHROMIUM, axe_violations, open_html
from .helpers import form_fields

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is not installed"),
]

BAD = {
    "q.art1.note-value": "far more than ten characters",
    "q.art1.count-value": "about twelve",
    "q.art1.year-value": "1850",
    "q.art1.exports-value-0-c_country": "France",
    "q.art1.exports-value-0-c_quantity": "-3",
}


def _after_a_save_with_problems(client, report, lang: str) -> str:
    g.pop("_login_user", None)
    client.get(f"/?lang={lang}")
    g.pop("_login_user", None)
    url = f"/reports/{report.id}/pages/art1"
    fields = form_fields(client.get(url).text)
    fields.update(BAD, save="")
    g.pop("_login_user", None)
    response = client.post(url, data=fields)
    assert response.status_code == 302
    g.pop("_login_user", None)
    return client.get(response.location).text


def _shot(page, name: str) -> None:
    folder = os.environ.get("ORT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_after_a_save_with_problems_the_summary_has_the_focus_and_links_to_fields(
    fp_client, tiny_report, browser
):
    page = open_html(browser, _after_a_save_with_problems(fp_client, tiny_report, "en"))
    assert page.evaluate("document.activeElement.id") == "error-summary-title"
    assert page.title().startswith("(4 errors) Article 1")
    links = page.locator(".error-summary a")
    assert links.count() == 4
    links.nth(1).click()  # the count: its input gets the cursor
    assert page.evaluate("document.activeElement.id") == "q.art1.count-value"
    links.nth(3).click()  # a table cell
    assert page.evaluate("document.activeElement.id") == "q.art1.exports-value-0-c_quantity"
    page.close()


@pytest.mark.skipif(not AXE.exists(), reason=f"axe-core is not installed ({AXE})")
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_page_with_problems_passes_axe_at_desktop_and_320_px(
    fp_client, tiny_report, browser, lang
):
    html = _after_a_save_with_problems(fp_client, tiny_report, lang)
    for width, height, label in ((1280, 900, "desktop"), (320, 700, "320")):
        page = open_html(browser, html, width=width, height=height)
        assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
        # A check as typed too: a value out of range, left.
        page.locator("[id='q.art1.year-value']").fill("1800")
        page.locator("[id='q.art1.year-value']").blur()
        assert page.locator("[id='q.art1.year-check']").is_visible()
        assert not axe_violations(page), axe_violations(page)
        summary = page.locator(".error-summary")
        assert summary.evaluate("box => box.scrollWidth <= box.clientWidth")
        if width == 320:
            assert summary.bounding_box()["width"] <= 320
        page.evaluate("window.scrollTo(0, 0)")
        _shot(page, f"checks-{lang}-{label}")
        page.close()
