"""Bytes on the wire and page load time of a focal point's heaviest article page, on a
slow link, with compression and fingerprinted static files, against the same server with
compression off, in one run.

Builds a scratch instance (SQLite) with `flask ort init` (which also writes the
fingerprinted static files) and `flask ort demo`, and starts two gunicorns
(gunicorn.conf.py, 2 sync workers) on it: one as deployed, one with `ORT_COMPRESSION=0`
(the baseline). For each, Debian's Chromium (Playwright) logs in as a demo focal point
(María Pérez, Mexico, whose 2025 full report is a draft), then, with the browser cache
emptied and the link emulated through CDP (`Network.emulateNetworkConditions`: 400
kbit/s down and up, 400 ms latency), opens the report's heaviest article page (the one
with the most HTML) twice:

- first visit: empty cache, so the page, its CSS and its JS;
- second visit: a new navigation to the same page, cache warm (the page itself is
  `no-store`: it always comes again; the fingerprinted CSS and JS are `immutable`).

Bytes are the sum of CDP's `Network.loadingFinished.encodedDataLength` (what came over
the socket: headers and body as sent, compressed or not; 0 for what the cache
answered); the load time is from the navigation's start to its `load` event
(Navigation Timing, `loadEventEnd`). Prints a Markdown table (and --json FILE). Traffic
goes to 127.0.0.1 only.

    .venv/bin/python bench/wire.py [--port 5310] [--runs 3] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from _http import HOST, fetch  # noqa: E402  (bench/_http.py)
from public_pages import _stop, start_server  # noqa: E402  (bench/public_pages.py)

EMAIL, PASSWORD = "focal.mex@ort.example", "demo-2026"  # reporting.demo
CYCLE = "2025-full"  # the demo leaves MEX's full report a draft
LINK = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400_000 / 8,
    "uploadThroughput": 400_000 / 8,
}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: What the second visit should stay under (docs/benchmarks.md, Bytes on the wire).
TARGET_BYTES, TARGET_MS = 20 * 1024, 1500


def _flask(env: dict, *args: str) -> str:
    done = subprocess.run(
        [str(ROOT / ".venv/bin/flask"), "--app", "app", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"flask {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def _log_in(page, base: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit].primary")
    if "/login" in page.url:
        raise SystemExit("the demo focal point could not log in")


#: The draft's id, read in a subprocess with the server's environment (app code).
REPORT_ID = f"""
from sqlalchemy import select
from reporting import create_app
from reporting.extensions import db
from reporting.models import Party, Report, ReportingCycle
with create_app().app_context():
    print(db.session.scalars(select(Report.id).join(Party).join(ReportingCycle).where(
        Party.iso3 == "MEX", ReportingCycle.code == "{CYCLE}")).one())
"""


def heaviest_page(page, base: str, report_id: int) -> str:
    """The path of the draft report's article page with the most HTML."""
    overview = page.context.request.get(f"{base}/reports/{report_id}").text()
    sizes = {}
    for key in set(re.findall(rf'href="/reports/{report_id}/pages/([\w.-]+)"', overview)):
        path = f"/reports/{report_id}/pages/{key}"
        sizes[path] = len(page.context.request.get(base + path).body())
    if not sizes:
        raise SystemExit(f"no article page of report {report_id} found")
    return max(sizes, key=sizes.get)


def visit(page, cdp, url: str) -> dict:
    """One navigation on the emulated link: bytes received, requests, ms to `load`."""
    finished: dict[str, float] = {}
    sent: set[str] = set()
    cached: set[str] = set()
    handlers = {
        "Network.requestWillBeSent": lambda e: sent.add(e["requestId"]),
        "Network.requestServedFromCache": lambda e: cached.add(e["requestId"]),
        "Network.loadingFinished": lambda e: finished.__setitem__(
            e["requestId"], e["encodedDataLength"]
        ),
    }
    for event, handler in handlers.items():
        cdp.on(event, handler)
    page.goto(url, wait_until="load")
    timing = page.evaluate(
        "() => { const t = performance.getEntriesByType('navigation')[0];"
        " return t.loadEventEnd - t.startTime; }"
    )
    page.wait_for_timeout(300)  # the last loadingFinished events
    for event, handler in handlers.items():
        cdp.remove_listener(event, handler)
    return {
        "bytes": int(sum(finished.values())),
        "requests": len(sent),
        "from_cache": len(cached),
        "load_ms": timing,
    }


def measure(browser, base: str, report_id: int, path: str | None) -> tuple[str, dict]:
    context = browser.new_context()
    page = context.new_page()
    _log_in(page, base)
    path = path or heaviest_page(page, base, report_id)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.clearBrowserCache")
    cdp.send("Network.emulateNetworkConditions", LINK)
    page.goto("about:blank")
    first = visit(page, cdp, base + path)
    page.goto("about:blank")
    second = visit(page, cdp, base + path)
    context.close()
    return path, {"first": first, "second": second}


def run(args) -> dict:
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="ort-bench-wire-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp / 'ort.sqlite3'}",
        "ORT_INSTANCE_PATH": str(tmp / "instance"),
        "SECRET_KEY": "bench",
        "HOST": HOST,
        "WORKERS": "2",
        "GUNICORN_ACCESS_LOG": os.devnull,
        "RATELIMIT_ENABLED": "0",
    }
    for name in ("REDIS_URL", "CACHE_REDIS_URL", "ORT_COMPRESSION"):
        env.pop(name, None)
    _flask(env, "ort", "init")
    _flask(env, "ort", "demo")
    done = subprocess.run(
        [sys.executable, "-c", REPORT_ID],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    report_id = int(done.stdout.split()[-1])
    servers = []
    try:
        servers.append(start_server(env, args.port, "app:app", tmp / "gunicorn.log"))
        servers.append(
            start_server(
                {**env, "ORT_COMPRESSION": "0"},
                args.port + 1,
                "app:app",
                tmp / "gunicorn-plain.log",
            )
        )
        assert fetch(args.port, "/healthz").status == 200
        results: dict = {"compressed": [], "baseline": []}
        path = None
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for _ in range(args.runs):  # interleaved: the machine's other load falls alike
                for kind, port in (("compressed", args.port), ("baseline", args.port + 1)):
                    path, figures = measure(browser, f"http://{HOST}:{port}", report_id, path)
                    results[kind].append(figures)
            browser.close()
        results["page"] = path
        return results
    finally:
        for server in servers:
            _stop(server)


def _median(runs: list[dict], visit_: str, key: str) -> float:
    return statistics.median(r[visit_][key] for r in runs)


def report(args, results: dict) -> None:
    command = "    .venv/bin/python bench/wire.py " + " ".join(sys.argv[1:])
    print(
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {args.runs} runs (medians), "
        f"page {results['page']}, link 400 kbit/s, 400 ms latency. Command:\n\n{command}\n"
    )
    print(
        "| visit | compressed bytes | baseline bytes | ratio | compressed load ms | "
        "baseline load ms | ratio | requests (from cache) | target |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for visit_ in ("first", "second"):
        c = {
            k: _median(results["compressed"], visit_, k)
            for k in ("bytes", "load_ms", "requests", "from_cache")
        }
        b = {k: _median(results["baseline"], visit_, k) for k in ("bytes", "load_ms")}
        target = ""
        if visit_ == "second":
            ok = c["bytes"] < TARGET_BYTES and c["load_ms"] < TARGET_MS
            target = f"< 20 KB, < 1.5 s: {'pass' if ok else 'FAIL'}"
        print(
            f"| {visit_} | {c['bytes']:,.0f} | {b['bytes']:,.0f} | {c['bytes'] / b['bytes']:.2f} "
            f"| {c['load_ms']:,.0f} | {b['load_ms']:,.0f} | {c['load_ms'] / b['load_ms']:.2f} "
            f"| {c['requests']:.0f} ({c['from_cache']:.0f}) | {target} |"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=5310)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json")
    args = parser.parse_args()
    results = run(args)
    report(args, results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
