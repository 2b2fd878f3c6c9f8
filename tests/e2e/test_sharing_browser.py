"""Work shared across ministries in a real browser: the focal point assigns an article and
a question, the contributor finds them under "My questions" and marks one ready; both
pages fit a 320 px screen in English and Arabic (tables scroll inside their box).

Screenshots go to $ORT_SCREENSHOTS when it is set."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.live import live_env, set_up
from tests.e2e.live import live_server as start_live_server
from tests.e2e.test_browser import CHROMIUM, _shot

FP, CO, PASSWORD = "fp@sharing.example", "co@sharing.example", "a long e2e password"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is not installed"),
]

_SET_UP = """
import sys
from app import app
runner = app.test_cli_runner()
for args in (
    ["ort", "init"],
    ["ort", "create-user", "--email", sys.argv[1], "--role", "focal_point", "--party", "MEX",
     "--convention", "minamata", "--password", sys.argv[3], "--name", "Paz Focal"],
    ["ort", "create-user", "--email", sys.argv[2], "--role", "contributor", "--party", "MEX",
     "--convention", "minamata", "--password", sys.argv[3], "--name", "Carla Contributor"],
):
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
"""


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    env = live_env(tmp_path_factory.mktemp("sharing"))
    set_up(env, _SET_UP, FP, CO, PASSWORD)
    with start_live_server(env) as base:
        yield base


def _log_in(browser, base, email):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(15000)
    page.goto(base + "/login?lang=en")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/")
    return page


def _fits(page, url, name, scope=None):
    """The page at desktop and 320 px width, in English and Arabic: nothing wider than
    the screen (or, with `scope`, nothing of that part of the page: the overview's
    completion table is another change's to fit)."""
    for lang in ("en", "ar"):
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{url}?lang={lang}")
            assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
            wide = page.evaluate(
                "s => [...document.querySelectorAll(s)].filter(e => {"
                " if (e.parentElement.closest('.table-scroll')) return false;"  # scrolls inside
                " const r = e.getBoundingClientRect();"
                " return r.right > document.documentElement.clientWidth + 1 || r.left < -1;"
                "}).slice(0, 5).map(e => e.tagName + '.' + e.className)",
                f"{scope} *" if scope else "body *",
            )
            if scope:
                assert page.locator(scope).count() == 1
            else:
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                assert overflow <= 0, f"{name} {lang} {width}px is {overflow}px too wide"
            assert not wide, f"{name} {lang} {width}px: wider than the screen: {wide}"
            _shot(page, f"{name}-{lang}-{width}")
    page.goto(f"{url}?lang=en")


def test_assign_then_my_questions_then_ready(live_server, browser):
    fp = _log_in(browser, live_server, FP)
    fp.locator("form[action='/cycles/2023-short/start'] button").click()
    fp.wait_for_url("**/reports/*")
    report_url = fp.url.split("?")[0].rstrip("/")
    fp.get_by_role("link", name="Share the work").click()
    fp.select_option("#person-art3", label="Carla Contributor")
    fp.locator("tr#page-art3 button", has_text="Assign").click()
    fp.get_by_text("Assigned to Carla Contributor").wait_for()
    fp.select_option("#item", value="question:party.country")
    fp.select_option("#person", label="Carla Contributor")
    fp.get_by_role("button", name="Assign the question").click()
    fp.get_by_text("Assigned to Carla Contributor").wait_for()
    _fits(fp, f"{report_url}/assignments", "assignments")
    _fits(fp, report_url, "overview", ".shared-work")  # progress per person

    co = _log_in(browser, live_server, CO)
    _fits(co, live_server + "/", "home", ".shared-work")
    assert "My questions (2 parts)" in co.content()
    co.get_by_role("link", name="My questions (2 parts)").first.click()
    rows = co.locator("table.my-questions tbody tr")
    assert rows.count() == 2
    _fits(co, f"{report_url}/my-questions", "my-questions")
    rows.first.get_by_role("button", name="Ready for the focal point").click()
    co.get_by_text("Marked as ready").wait_for()
    _shot(co, "my-questions-ready-en-1280")

    fp.goto(live_server + "/?lang=en")
    assert "Carla Contributor marked" in fp.content()  # the focal point's notification
