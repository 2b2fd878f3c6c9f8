"""The offline workbook's upload in headless Chromium: a focal point downloads the report's
workbook, fills it in (openpyxl, as Excel would), uploads it, sees the preview of every
change (at 320 px too, checked with axe-core), confirms, and finds the answers saved.

Set ORT_SCREENSHOTS to a folder to keep the screenshots (desktop and 320 px wide).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reporting.offline.layout import Col
from tests.e2e.live import live_env, set_up
from tests.e2e.live import live_server as start_live_server
from tests.e2e.test_browser import _SET_UP, ARGS, CHROMIUM, EMAIL, PASSWORD

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(os.environ.get("AXE_CORE_JS", ROOT / ".ci" / "node_modules" / "axe-core" / "axe.min.js"))
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="Chromium is not installed at /usr/bin/chromium"
    ),
]


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    env = live_env(tmp_path_factory.mktemp("live-offline-upload"))
    set_up(env, _SET_UP, EMAIL, PASSWORD)
    with start_live_server(env) as base:
        yield base


def _shot(page, name):
    folder = os.environ.get("ORT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _filled(data: bytes) -> bytes:
    """The workbook with Article 3's first question answered and commented, and a row of
    its stocks table, as in Excel."""
    wb = load_workbook(io.BytesIO(data))
    done = set()
    for ws in wb.worksheets:
        for row in range(1, ws.max_row + 1):
            key = ws.cell(row, Col.KEY).value
            if key == "art3.primary_mining":
                ws.cell(row, Col.ANSWER).value = "Yes"
                ws.cell(row, Col.COMMENT).value = "From the Ministry of Mines"
            elif key == "art3.stocks":
                ws.cell(row, Col.ANSWER).value = "Yes"
            elif key == "art3.stocks.list#1":
                ws.cell(row, Col.FIRST_CELL).value = "Port depot"
                ws.cell(row, Col.FIRST_CELL + 2).value = "12.5"
            else:
                continue
            done.add(key)
    assert len(done) == 3, done
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _axe(page):
    if not AXE.exists():
        return
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    violations = [(v["id"], v["help"]) for v in result["violations"]]
    assert not violations, violations


def test_upload_preview_confirm_in_chromium(live_server, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
        page = context.new_page()
        page.set_default_timeout(15000)
        try:
            page.goto(live_server + "/login?lang=en")
            page.fill("#email", EMAIL)
            page.fill("#password", PASSWORD)
            page.keyboard.press("Enter")
            page.wait_for_url(live_server + "/")
            page.locator("form[action='/cycles/2023-short/start'] button").click()
            page.wait_for_url("**/reports/*")
            report_url = page.url.rstrip("/")

            page.goto(report_url + "/offline")
            page.set_viewport_size({"width": 320, "height": 700})
            _shot(page, "offline-upload-320")  # the upload form on the offline page
            page.set_viewport_size({"width": 1280, "height": 900})
            with page.expect_download() as download:
                page.get_by_role("button", name="Download the workbook").click()
            workbook = tmp_path / "filled.xlsx"
            workbook.write_bytes(_filled(Path(download.value.path()).read_bytes()))
            # Meanwhile, in the browser, someone answers the first question otherwise.
            page.goto(report_url + "/pages/art3")
            page.check("[id='q.art3.primary_mining-value-1']")
            page.get_by_role("button", name="Save and continue").click()
            page.wait_for_load_state()
            page.goto(report_url + "/offline")

            page.set_input_files("#workbook", str(workbook))
            page.get_by_role("button", name="Upload and preview the changes").click()
            page.wait_for_url("**/offline/upload")
            assert page.get_by_role("heading", name="Changes from the workbook").is_visible()
            assert page.get_by_text("3 answers will change").is_visible()
            rows = page.locator(".import-table > tbody > tr")
            assert rows.count() == 3
            assert "From the Ministry of Mines" in rows.first.inner_text()
            assert "Port depot" in page.locator(".import-table").inner_text()
            conflict = page.get_by_label("Use the workbook's answer")
            assert conflict.count() == 1 and not conflict.is_checked()
            _shot(page, "offline-preview-en")
            _axe(page)

            page.set_viewport_size({"width": 320, "height": 700})
            _shot(page, "offline-preview-320")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, f"the preview scrolls sideways at 320 px ({width} px)"
            _axe(page)

            conflict.check()  # the workbook's answer replaces the browser's
            page.get_by_role("button", name="Confirm and save these answers").click()
            page.wait_for_url(report_url)
            assert page.get_by_text("3 answers saved from the workbook.").is_visible()
            page.goto(report_url + "/pages/art3")
            assert page.is_checked("[id='q.art3.primary_mining-value-0']")
            assert page.input_value("[id='q.art3.stocks.list-value-0-c_location']") == "Port depot"
        finally:
            browser.close()
