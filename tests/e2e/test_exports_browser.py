"""End to end in headless Chromium: a secretariat analyst starts an export on the "Data
exports" page, watches its page until the file is ready, downloads it and opens it. A
live server and a real task-queue worker (embedded broker), each in its own process."""

from __future__ import annotations

import csv
import io
import os
import uuid

import pytest

from tests.e2e.live import ROOT, live_env, live_server, set_up
from tests.e2e.test_browser import ARGS, CHROMIUM
from tests.tasks.workers import Worker

EMAIL, PASSWORD = "analyst@e2e.example", "a long e2e password"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is not installed"),
]

_SET_UP = """
import sys
from app import app
runner = app.test_cli_runner()
for args in (["ort", "init"], ["ort", "create-user", "--email", sys.argv[1], "--role", "secretariat",
                              "--password", sys.argv[2], "--name", "Ana Analyst"]):
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
"""


@pytest.fixture(scope="module")
def server_and_worker(tmp_path_factory):
    folder = tmp_path_factory.mktemp("live-exports")
    env = live_env(
        folder,
        PYTHONPATH=str(ROOT),
        ORT_JOB_PROGRESS_EVERY="10",
        ORT_TASK_QUEUE=f"ort-e2e-{uuid.uuid4().hex[:8]}",
    )
    set_up(env, _SET_UP, EMAIL, PASSWORD)
    worker = Worker(env, folder).start()
    try:
        with live_server(env) as base:
            yield base, worker
    finally:
        worker.stop()


def test_an_analyst_exports_the_codebook_in_the_browser(server_and_worker):
    from playwright.sync_api import sync_playwright

    base, worker = server_and_worker
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(accept_downloads=True)
        page.set_default_timeout(30000)
        try:
            page.goto(base + "/login?lang=en")
            page.fill("#email", EMAIL)
            page.fill("#password", PASSWORD)
            page.get_by_role("button", name="Log in").click()
            page.wait_for_url(base + "/**")
            page.get_by_role("link", name="Data exports").click()
            page.wait_for_url("**/secretariat/exports")
            page.select_option("#shape", "codebook")
            page.select_option("#file_format", "csv")
            page.select_option("#cycles", ["2025-full"])
            page.select_option("#language", "fr")
            page.get_by_role("button", name="Start the export").click()
            page.wait_for_url("**/secretariat/jobs/*")
            # The page follows the job (its script polls the JSON status) until the link.
            page.locator("[data-job-field='progress_text']").wait_for()
            link = page.locator("#job-download")
            link.wait_for(timeout=60000)
            assert "rows written" in page.locator("[data-job-field='progress_text']").inner_text()
            with page.expect_download() as info:
                link.click()
            download = info.value
            assert download.suggested_filename.endswith(".csv")
            rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8"))))
            assert rows and rows[0]["question_key"]
            assert any(r["text"] for r in rows)
            # And it is in the list of past exports.
            page.get_by_role("link", name="All exports").click()
            page.wait_for_url("**/secretariat/exports")
            page.locator("#jobs td", has_text="Ready").first.wait_for()
            assert page.locator("#jobs tbody tr").count() == 1
        finally:
            browser.close()
    assert "succeeded" in worker.output()
