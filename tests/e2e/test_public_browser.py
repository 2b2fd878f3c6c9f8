"""The public dashboard in headless Chromium, as a visitor without an account sees it:
every page of the dashboard's menu in English and Arabic passes axe-core's WCAG 2.1 AA
rules and reaches no other site; a question page's CSV downloads with its numbers.

axe-core comes from npm (`.ci/run` installs it under .ci/node_modules; elsewhere set
AXE_CORE_JS to an axe.min.js). Set ORT_SCREENSHOTS to a folder to keep screenshots at
desktop width and at 320 px.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from tests.e2e.live import ROOT, live_env, live_server, set_up
from tests.e2e.test_browser import ARGS, CHROMIUM

AXE = Path(os.environ.get("AXE_CORE_JS", ROOT / ".ci" / "node_modules" / "axe-core" / "axe.min.js"))
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="Chromium is not installed at /usr/bin/chromium"
    ),
]

_SET_UP = """
from app import app
runner = app.test_cli_runner()
for args in (["ort", "init"], ["ort", "demo"]):
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
"""


@pytest.fixture(scope="module")
def public_server(tmp_path_factory):
    env = live_env(tmp_path_factory.mktemp("public"))
    set_up(env, _SET_UP)  # migrate, seed and the demo (published reports of two Parties)
    with live_server(env) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def _menu(page) -> list[str]:
    return [a.get_attribute("href") for a in page.locator(".main-nav ul a").all()]


def _screenshot(page, name: str) -> None:
    folder = os.environ.get("ORT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_a_visitor_opens_a_question_and_downloads_its_numbers(public_server, browser):
    page = browser.new_page(accept_downloads=True)
    page.set_default_timeout(30000)
    try:
        page.goto(public_server + "/data/")
        page.wait_for_url("**/data/en/")
        page.select_option("#o-cycle", "2023-short")
        page.get_by_role("button", name="Show").click()
        page.locator(".question-index a").first.click()
        page.wait_for_url("**/data/en/questions/**")
        assert page.locator("figure svg[role=img]").count() >= 2
        with page.expect_download() as info:
            page.get_by_role("link", name="Numbers (CSV)").first.click()
        download = info.value
        assert download.suggested_filename.endswith("-2023-short-en.csv")
        rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8"))))
        assert rows and {"option_code", "parties", "share"} <= set(rows[0])
        assert sum(int(r["parties"]) for r in rows) >= 2  # MEX and KEN published in the demo
    finally:
        page.close()


@pytest.mark.skipif(not AXE.exists(), reason=f"axe-core is not installed ({AXE})")
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_public_page_passes_axe_and_stays_on_the_site(public_server, browser, lang):
    for width, height, label in ((1280, 900, "desktop"), (320, 700, "320")):
        context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
        page = context.new_page()
        elsewhere: list[str] = []
        page.on(
            "request",
            lambda request, elsewhere=elsewhere: (
                request.url.startswith(public_server)
                or request.url.startswith("data:")
                or elsewhere.append(request.url)
            ),
        )
        try:
            page.goto(f"{public_server}/data/{lang}/?cycle=2023-short")
            first_question = page.locator(".question-index a").first.get_attribute("href")
            urls = [*_menu(page), first_question]
            assert len(urls) >= 5
            page.goto(public_server + first_question)  # and its embeddable view
            urls.append(page.locator(".figure-links a[href*='/embed']").first.get_attribute("href"))
            page.goto(f"{public_server}/data/{lang}/parties/")  # and a Party's page
            urls.append(page.locator("main a[href*='/parties/']").first.get_attribute("href"))
            for url in urls:
                page.goto(public_server + url)
                assert page.locator("html").get_attribute("dir") == (
                    "rtl" if lang == "ar" else "ltr"
                )
                page.add_script_tag(path=str(AXE))
                result = page.evaluate(
                    "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                    WCAG,
                )
                violations = [
                    (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
                    for v in result["violations"]
                ]
                assert not violations, (url, violations)
                if width == 320:  # nothing wider than the screen but the scrolling boxes
                    overflow = page.evaluate("document.documentElement.scrollWidth")
                    assert overflow <= 330, (url, overflow)
                _screenshot(page, f"public-{lang}-{label}-{url.strip('/').replace('/', '_')[:60]}")
            assert not elsewhere, elsewhere
        finally:
            context.close()
