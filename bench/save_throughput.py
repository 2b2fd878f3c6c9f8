"""Article-page saves per second through gunicorn, against a trivial endpoint's rate.

Each client is the focal point of its own Party, editing its own 2025 full report, so
the figure measures the save path (form parsing, validation, one query in, bulk write,
visibility refresh, commit), not lock conflicts.

    .venv/bin/python bench/save_throughput.py [--database-url URL] [--clients 8] [--seconds 10]

Without --database-url a scratch SQLite file is used. Prints a Markdown table row.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PARTIES = ["ARG", "BRA", "CAN", "DEU", "FRA", "IND", "JPN", "KEN", "MEX", "NOR", "SEN", "ZAF",
           "CHE", "SWE", "URY", "GHA"]


class FormFields(HTMLParser):
    """The fields a browser would post for the page's main form."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._textarea = None
        self._select = None
        self._select_value = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "file", "button"):
            if a.get("type") in ("radio", "checkbox"):
                if "checked" in a:
                    self.fields.append((name, a.get("value", "on")))
            else:
                self.fields.append((name, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select, self._select_value = name, None
        elif tag == "option" and self._select:
            if self._select_value is None or "selected" in a:
                self._select_value = a.get("value", "")

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            self.fields.append(tuple(self._textarea))
            self._textarea = None
        elif tag == "select" and self._select:
            self.fields.append((self._select, self._select_value or ""))
            self._select = None


def flask(env, *args):
    subprocess.run([str(ROOT / ".venv/bin/flask"), "--app", "app", *args], env=env, check=True,
                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def prepare(env, clients):
    flask(env, "ort", "init")
    for iso3 in PARTIES[:clients]:
        flask(env, "ort", "create-user", "--email", f"bench.{iso3.lower()}@example.org",
              "--role", "focal_point", "--party", iso3, "--convention", "minamata",
              "--password", "bench-password-1")


def login_and_open(base, iso3):
    s = requests.Session()
    page = s.get(f"{base}/login")
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text).group(1)
    s.post(f"{base}/login", data={"csrf_token": token, "email": f"bench.{iso3.lower()}@example.org",
                                  "password": "bench-password-1"})
    home = s.get(f"{base}/")
    start = re.search(r'action="(/cycles/2025-full/start)"', home.text)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', home.text).group(1)
    overview = s.post(base + start.group(1), data={"csrf_token": token})
    page_url = base + re.search(r'href="(/reports/\d+/pages/art3)"', overview.text).group(1)
    parser = FormFields()
    parser.feed(s.get(page_url).text)
    return s, page_url, parser.fields


def run(base, clients, seconds, action):
    counts, errors, stop = [0] * clients, [0] * clients, time.monotonic() + seconds

    def worker(i):
        state = action(i, None)
        while time.monotonic() < stop:
            ok = action(i, state)
            counts[i] += ok
            errors[i] += not ok

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - began
    return sum(counts) / elapsed, sum(errors)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=5091)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    env = {**os.environ, "DATABASE_URL": args.database_url or f"sqlite:///{tmp}/bench.sqlite3",
           "ORT_INSTANCE_PATH": tmp, "SECRET_KEY": "bench"}
    prepare(env, args.clients)
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "--no-control-socket", "-w", str(args.workers),
         "-b", f"127.0.0.1:{args.port}", "app:app"], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(100):
            try:
                if requests.get(f"{base}/healthz", timeout=10).ok:
                    break
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.1)

        sessions = [login_and_open(base, iso3) for iso3 in PARTIES[:args.clients]]

        def healthz(i, state):
            if state is None:
                return requests.Session()
            return state.get(f"{base}/healthz").status_code == 200

        def save(i, state):
            if state is None:
                return 0
            s, url, fields = sessions[i]
            state_n = getattr(save, "n", 0) + 1
            save.n = state_n
            data = [(k, f"Measures adopted ({state_n})" if k.endswith("art3__stocks__details") else v)
                    for k, v in fields] + [("save", "")]
            r = s.post(url, data=data, allow_redirects=False)
            return r.status_code in (302, 303)

        trivial, _ = run(base, args.clients, args.seconds, healthz)
        saves, failed = run(base, args.clients, args.seconds, save)
    finally:
        server.terminate()
        server.wait()
    backend = "PostgreSQL" if args.database_url else "SQLite (WAL)"
    print("| backend | workers | clients | /healthz req/s | article 3 saves/s | ratio | failed saves |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {backend} | {args.workers} | {args.clients} | {trivial:.0f} | {saves:.1f} | "
          f"{saves / trivial:.1%} | {failed} |")


if __name__ == "__main__":
    sys.exit(main())
