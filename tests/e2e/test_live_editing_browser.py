"""Two people of one Party on the same page, in two real browsers (headless Chromium,
two contexts): each sees that the other has it open; when both change the same answer,
the second save shows both versions and the choice, and neither is lost until the
choice is made. The autosave survives a dropped request and an offline spell: the value
ends up saved and the status says so.

Set ORT_SCREENSHOTS to a folder to keep screenshots (desktop and 320 px).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.e2e.live import live_env, set_up
from tests.e2e.live import live_server as start_live_server
from tests.e2e.test_browser import CHROMIUM

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(os.environ.get("AXE_CORE_JS", ROOT / ".ci" / "node_modules" / "axe-core" / "axe.min.js"))
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "a long e2e password"
FOCAL = ("paz.focal@e2e.example", "Paz Focal", "focal_point")
COLLEAGUE = ("cruz.colleague@e2e.example", "Cruz Colleague", "contributor")
INSTITUTION = "[id='q.party.focal_point.institution-value']"
ADDRESS = "[id='q.party.focal_point.address-value']"

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
result = runner.invoke(args=["ort", "init"])
assert result.exit_code == 0, result.output
for email, name, role in zip(sys.argv[2::3], sys.argv[3::3], sys.argv[4::3]):
    result = runner.invoke(args=["ort", "create-user", "--email", email, "--role", role,
                                 "--party", "MEX", "--convention", "minamata",
                                 "--password", sys.argv[1], "--name", name])
    assert result.exit_code == 0, result.output
"""


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    env = live_env(tmp_path_factory.mktemp("live-editing"))
    set_up(env, _SET_UP, PASSWORD, *FOCAL, *COLLEAGUE)
    with start_live_server(env) as base:
        yield base


def _shot(page, name, at=None):
    """The screen, scrolled to `at` (a selector) if given."""
    folder = os.environ.get("ORT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        if at:
            page.locator(at).first.evaluate("e => e.scrollIntoView({block: 'center'})")
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def _logged_in(browser, base, user, width=1280, height=900):
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(base + "/login?lang=en")
    page.fill("#email", user[0])
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + "/")
    return context, page


def _report_page(page, base, cycle):
    """The first page of the cycle's report, started here (one test, one cycle)."""
    page.locator(f"form[action='/cycles/{cycle}/start'] button").click()
    page.wait_for_url("**/reports/*")
    page.get_by_role("link", name="Fill in the report").click()
    page.wait_for_url("**/pages/*")
    return page.url.split("?")[0]


def _no_horizontal_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def _axe(page):
    if not AXE.exists():
        return
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert not violations, violations


def test_two_colleagues_see_each_other_and_choose_between_their_answers(live_server, browser):
    focal_context, focal = _logged_in(browser, live_server, FOCAL)
    focal.clock.install()  # its next poll, 30 seconds on, without waiting for it
    url = _report_page(focal, live_server, "2023-short")
    colleague_context, colleague = _logged_in(browser, live_server, COLLEAGUE, 320, 700)
    colleague.goto(url + "?lang=en")

    # Each sees the other: the colleague at once, the focal point at its next poll.
    presence = colleague.locator(".presence")
    presence.filter(has_text="Also on this page: Paz Focal (since").wait_for()
    focal.clock.run_for(31_000)
    focal.locator(".presence").filter(has_text="Cruz Colleague (since").wait_for()
    _shot(colleague, "presence-320", ".presence")
    _no_horizontal_scroll(colleague)
    assert "@" not in presence.inner_text()

    # Both change the same answer; the focal point saves first.
    colleague.fill(INSTITUTION, "Ministry of the colleague")
    focal.fill(INSTITUTION, "Ministry of the focal point")
    focal.get_by_role("button", name="Save", exact=True).last.click()
    focal.get_by_text("Saved.").wait_for()

    # The colleague's save shows both versions and the choice; nothing is lost.
    colleague.get_by_role("button", name="Save", exact=True).last.click()
    colleague.wait_for_load_state()
    note = colleague.locator(".conflict-note")
    note.wait_for()
    assert "Paz Focal changed this answer" in note.inner_text()
    assert "Ministry of the focal point" in note.inner_text()
    assert colleague.input_value(INSTITUTION) == "Ministry of the colleague"
    choice = colleague.get_by_role("group", name="Which answer do you want to keep?")
    assert choice.get_by_role("radio").count() == 2
    _shot(colleague, "conflict-320", ".conflict-choice")
    _no_horizontal_scroll(colleague)
    _axe(colleague)
    colleague.set_viewport_size({"width": 1280, "height": 900})
    _shot(colleague, "conflict-desktop", ".conflict-note")
    focal.reload()
    assert focal.input_value(INSTITUTION) == "Ministry of the focal point"  # theirs, stored

    # Saving without choosing keeps both; choosing "mine" saves it over theirs.
    colleague.get_by_role("button", name="Save", exact=True).last.click()
    colleague.get_by_text("choose which version to keep").wait_for()
    assert colleague.input_value(INSTITUTION) == "Ministry of the colleague"
    colleague.get_by_label("Mine: the one in the field").check()
    colleague.get_by_role("button", name="Save", exact=True).last.click()
    colleague.get_by_text("Saved.").wait_for()
    assert colleague.locator(".conflict-note").count() == 0
    focal.reload()
    assert focal.input_value(INSTITUTION) == "Ministry of the colleague"
    focal_context.close()
    colleague_context.close()


def test_autosave_survives_a_dropped_request_and_an_offline_spell(live_server, browser):
    context, page = _logged_in(browser, live_server, FOCAL)
    url = _report_page(page, live_server, "2025-full")
    status = page.locator(".autosave-status")

    dropped = []

    def drop_the_first_autosave(route):
        if route.request.headers.get("x-ort-autosave") == "1" and not dropped:
            dropped.append(route.request.url)
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route("**/pages/**", drop_the_first_autosave)
    page.fill(ADDRESS, "Av. Reforma 100, CDMX")
    status.filter(has_text="Not saved: the server did not answer").wait_for()
    _shot(page, "autosave-retrying-desktop", ADDRESS)
    assert page.input_value(ADDRESS) == "Av. Reforma 100, CDMX"  # the input stays
    status.filter(has_text="Saved at").wait_for()  # the retry went through
    assert dropped
    page.unroute("**/pages/**")
    _shot(page, "autosave-saved-desktop", ADDRESS)

    # Offline: kept, said, and saved once the connection is back.
    context.set_offline(True)
    page.fill(ADDRESS, "Av. Reforma 200, CDMX")
    status.filter(has_text="you are offline").wait_for()
    page.set_viewport_size({"width": 320, "height": 700})
    _shot(page, "autosave-offline-320", ADDRESS)
    _no_horizontal_scroll(page)
    context.set_offline(False)
    status.filter(has_text="Saved at").wait_for()

    # Stored: a fresh visit shows it, and leaving does not ask (all is saved).
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.goto(url)
    assert page.input_value(ADDRESS) == "Av. Reforma 200, CDMX"
    assert asked == []
    context.close()


def test_autosave_keeps_the_table_buttons_working(live_server, browser):
    """A row added or removed right after typing: the form waits for the autosave under
    way, then posts with its lock version (no conflict with itself, nothing lost)."""
    context, page = _logged_in(browser, live_server, FOCAL)
    reports = page.locator("main a[href^='/reports/']")
    if not reports.count():  # run alone: no report started by the tests above
        _report_page(page, live_server, "2023-short")
        page.goto(live_server + "/")
    report_id = reports.first.get_attribute("href").split("/")[2]
    page.goto(f"{live_server}/reports/{report_id}/pages/art3")
    cell = "[id='q.art3.stocks.list-value-{row}-c_location']"
    page.check("[id='q.art3.stocks-value-0']")
    page.fill(cell.format(row=0), "Depot A")
    page.locator(".autosave-status").filter(has_text="Saved at").wait_for()
    with page.expect_navigation():
        page.get_by_role("button", name="Add a row").first.click()
    assert page.input_value(cell.format(row=0)) == "Depot A"
    page.fill(cell.format(row=1), "Depot B")
    with page.expect_navigation():  # at once: the autosave of "Depot B" is under way
        page.get_by_role("button", name="Remove row 1").first.click()
    assert page.locator(".flash-error").count() == 0
    assert page.input_value(cell.format(row=0)) == "Depot B"
    context.close()
