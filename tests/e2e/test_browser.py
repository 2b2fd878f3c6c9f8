"""End to end in headless Chromium: a focal point logs in, fills in and submits a short
report, with conditional questions appearing as they answer, against a live server.

The server runs in its own process on a free port with its own SQLite database (the test
database is a transaction of this process and cannot be shared). Set ORT_SCREENSHOTS to a
folder to keep screenshots of the main pages in English and Arabic.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.e2e.live import live_env, set_up
from tests.e2e.live import live_server as start_live_server
from tests.web.browser import ARGS, CHROMIUM  # noqa: F401  (imported from here too)

EMAIL, PASSWORD = "focal.point@e2e.example", "a long e2e password"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="Chromium is not installed at /usr/bin/chromium"
    ),
]


_SET_UP = """
import sys
from app import app
runner = app.test_cli_runner()
for args in (["ort", "init"], ["ort", "create-user", "--email", sys.argv[1], "--role", "focal_point",
                              "--party", "MEX", "--convention", "minamata", "--password", sys.argv[2],
                              "--name", "Paz Focal"]):
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
"""


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    env = live_env(tmp_path_factory.mktemp("live"))
    set_up(env, _SET_UP, EMAIL, PASSWORD)  # migrate, seed and create the focal point
    with start_live_server(env) as base:
        yield base


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(15000)
        try:
            yield page
        finally:
            browser.close()


def _shot(page, name):
    folder = os.environ.get("ORT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_a_focal_point_fills_in_and_submits_a_short_report(live_server, browser_page):
    page = browser_page
    page.goto(live_server + "/login?lang=en")
    _shot(page, "login-en")
    # Keyboard only: the skip link is the first stop; the form is filled with the keys.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.focus("#email")
    page.keyboard.type(EMAIL)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server + "/")
    page.get_by_role("button", name="Start this report").first.wait_for()

    # Start the 2023 short report.
    page.locator("form[action='/cycles/2023-short/start'] button").click()
    page.wait_for_url("**/reports/*")
    _shot(page, "overview-en")
    page.get_by_role("link", name="Fill in the report").click()

    # Part A: pre-filled from the Party's record and the profile; the rest is typed.
    page.fill("[id='q.party.focal_point.institution-value']", "Secretaría de Medio Ambiente")
    page.fill("[id='q.party.focal_point.address-value']", "Av. Ejército Nacional 223, CDMX")
    page.fill("[id='q.party.focal_point.telephone-value']", "+52 55 0000 0000")
    assert page.input_value("[id='q.party.focal_point.name-value']") == "Paz Focal"
    _shot(page, "part-a-en")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/pages/art3")

    # Article 3: answering "yes" shows the follow-ups at once; "no" hides them again
    # (radio buttons answer the keyboard: arrow keys move the choice).
    follow_up = page.locator("[id='q.art3.primary_mining.at_entry_into_force']")
    assert follow_up.is_hidden()
    page.focus("[id='q.art3.primary_mining-value-0']")
    page.keyboard.press("Space")
    follow_up.wait_for(state="visible")
    page.keyboard.press("ArrowDown")
    assert page.is_checked("[id='q.art3.primary_mining-value-1']")
    follow_up.wait_for(state="hidden")
    # Enter in a table cell saves the page; it does not press the row's "Remove" button.
    page.check("[id='q.art3.stocks-value-0']")
    page.fill("[id='q.art3.stocks.list-value-0-c_location']", "Port depot")
    with page.expect_navigation():  # the page is posted and shown again
        page.press("[id='q.art3.stocks.list-value-0-c_location']", "Enter")
    assert page.input_value("[id='q.art3.stocks.list-value-0-c_location']") == "Port depot"
    for key in ("stocks", "exports", "imports_non_parties"):
        page.check(f"[id='q.art3.{key}-value-1']")
    _shot(page, "art3-en")
    page.get_by_role("button", name="Save and continue").click()

    # The review finds nothing left; submit and get the receipt.
    page.wait_for_url("**/review")
    assert page.get_by_text("Every required question is answered").is_visible()
    _shot(page, "review-en")
    page.get_by_role("link", name="Go to submission").click()
    page.get_by_role("button", name="Submit the report").click()
    page.wait_for_url("**/versions/1")
    assert page.get_by_text("Receipt of submission").is_visible()
    content_hash = page.locator("code.hash").inner_text()
    assert len(content_hash) == 64
    _shot(page, "receipt-en")

    # The same pages in Arabic lay out right to left.
    page.goto(page.url + "?lang=ar")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    _shot(page, "receipt-ar")
    page.goto(live_server + "/?lang=ar")
    _shot(page, "home-ar")


def test_leaving_a_page_with_unsaved_changes_asks_first(live_server, browser_page):
    page = browser_page
    page.goto(live_server + "/login?lang=en")
    page.fill("#email", EMAIL)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server + "/")
    page.locator("form[action='/cycles/2025-full/start'] button").click()
    page.wait_for_url("**/reports/*")
    page.get_by_role("link", name="Fill in the report").click()
    page.goto(page.url.split("?")[0] + "?lang=ar")
    _shot(page, "part-a-ar")
    page.goto(page.url.split("?")[0] + "?lang=en")
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.click("[id='q.party.focal_point.telephone-value']")
    page.keyboard.type(" ext. 12")
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Our reports").click()
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_an_error_page_shows_its_reference_within_a_phone_screen(live_server, browser_page, lang):
    """The request id on an error page is a long word: it wraps at 320 px, in every
    direction of writing, and is the one the response's X-Request-Id header gives."""
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 700})
    response = page.goto(f"{live_server}/no-such-page?lang={lang}")
    assert response.status == 404
    request_id = response.headers["x-request-id"]
    assert request_id in page.locator(".reference").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
