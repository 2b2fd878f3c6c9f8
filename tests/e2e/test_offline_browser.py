"""End to end in headless Chromium: a focal point opens "Work offline (Excel)" from the
report's overview, keeps one article and downloads its workbook, then a blank one; the
page passes axe-core's WCAG 2.1 AA checks in English and Arabic."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reporting.offline import layout
from tests.e2e.live import live_env, set_up
from tests.e2e.live import live_server as start_live_server
from tests.e2e.test_browser import _SET_UP, ARGS, CHROMIUM, EMAIL, PASSWORD
from tests.e2e.test_public_browser import AXE, WCAG

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="Chromium is not installed at /usr/bin/chromium"
    ),
]


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    env = live_env(tmp_path_factory.mktemp("offline"))
    set_up(env, _SET_UP, EMAIL, PASSWORD)  # migrate, seed and create the focal point
    with start_live_server(env) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def offline_url(live_server, browser):
    """The offline page of the focal point's short report (started once)."""
    context = browser.new_context()
    page = context.new_page()
    try:
        _log_in(page, live_server)
        page.locator("form[action='/cycles/2023-short/start'] button").click()
        page.wait_for_url("**/reports/*")
        page.get_by_role("link", name="Work offline (Excel)").click()
        page.wait_for_url("**/offline")
        return page.url.removeprefix(live_server)
    finally:
        context.close()


def _log_in(page, base):
    page.goto(base + "/login?lang=en")
    page.fill("#email", EMAIL)
    page.fill("#password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/")


def _pages(path) -> list[str]:
    wb = load_workbook(io.BytesIO(Path(path).read_bytes()))  # the download has no extension
    return [
        ws[layout.PAGE_KEY_CELL].value for ws in wb.worksheets[1:] if ws.sheet_state == "visible"
    ]


def test_a_focal_point_downloads_one_article_and_a_blank_workbook(
    live_server, browser, offline_url
):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30000)
    try:
        _log_in(page, live_server)
        page.goto(live_server + offline_url)
        boxes = page.locator("input[name=pages]")
        assert boxes.count() > 1 and all(boxes.nth(i).is_checked() for i in range(boxes.count()))
        for i in range(boxes.count()):
            if boxes.nth(i).get_attribute("value") != "art3":
                boxes.nth(i).uncheck()
        with page.expect_download() as info:
            page.get_by_role("button", name="Download the workbook").click()
        download = info.value
        assert download.suggested_filename == "ORT-MEX-2023-short-en.xlsx"
        assert _pages(download.path()) == ["art3"]
        with page.expect_download() as info:
            page.get_by_role("button", name="Download a blank workbook").click()
        blank = info.value
        assert blank.suggested_filename == "ORT-MEX-2023-short-blank-en.xlsx"
        assert _pages(blank.path()) == ["art3"]
    finally:
        context.close()


@pytest.mark.skipif(not AXE.exists(), reason=f"axe-core is not installed ({AXE})")
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_offline_page_passes_axe(live_server, browser, offline_url, lang):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    try:
        _log_in(page, live_server)
        page.goto(f"{live_server}{offline_url}?lang={lang}")
        assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            WCAG,
        )
        violations = [(v["id"], v["help"]) for v in result["violations"]]
        assert not violations, violations
    finally:
        context.close()
