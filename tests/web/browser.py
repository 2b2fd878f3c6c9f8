"""Opening pages rendered by the test client in headless Chromium: the page's HTML and
the app's static files are served to the browser by Playwright (no live server)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "reporting" / "static"
AXE = ROOT / ".ci" / "node_modules" / "axe-core" / "axe.min.js"
#: Debian's Chromium, headless, without the network calls of its own.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def open_html(browser, html: str, *, width: int = 1280, height: int = 900):
    """A new browser page showing `html` at http://ort.test/page, with its static files."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.set_default_timeout(10000)

    def serve(route):
        path = urlsplit(route.request.url).path
        if path.startswith("/static/"):
            file = STATIC / path[len("/static/") :]
            if file.is_file():
                route.fulfill(path=str(file))
            else:
                route.fulfill(status=404)
        else:
            route.fulfill(body=html, content_type="text/html; charset=utf-8")

    page.route("**/*", serve)
    page.goto("http://ort.test/page")
    page.wait_for_function("document.readyState === 'complete'")
    return page


def axe_violations(page) -> list:
    """axe-core's WCAG 2.1 A and AA violations of the page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    return [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
    ]
