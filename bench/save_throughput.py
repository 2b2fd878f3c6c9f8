"""Article-page saves per second through gunicorn, against `/healthz` in the same run.

Each client is the focal point of its own Party, editing its own 2025 full report, so
the figure measures the save path, not lock conflicts. A save is what a browser does:
POST the page's whole form (CSRF token, the lock version the page carried, every field)
with one text answer changed to a value never sent before, follow the redirect and read
the page again (its new lock version). The POST's time is the save's latency.

Nothing is reported unless it was verified: after the run the database must hold, for
every client, the last value the server acknowledged, and the audit trail exactly one
`answer.change` of that question per acknowledged save. A save that writes nothing fails
the run.

    .venv/bin/python bench/save_throughput.py [--database-url URL] [--clients 16] [--seconds 10]

Without --database-url a scratch SQLite file is used. Prints a Markdown table row.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import requests
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench._http import pct  # noqa: E402

PARTIES = [
    "ARG",
    "BRA",
    "CAN",
    "DEU",
    "FRA",
    "IND",
    "JPN",
    "KEN",
    "MEX",
    "NOR",
    "SEN",
    "ZAF",
    "CHE",
    "SWE",
    "URY",
    "GHA",
    "AUS",
    "CHL",
    "COL",
    "EGY",
    "ETH",
    "IDN",
    "ITA",
    "MAR",
    "NGA",
    "PER",
    "PHL",
    "POL",
    "THA",
    "TUR",
    "VNM",
    "ZMB",
]
PAGE = "art3"
TEXT_ANSWER = re.compile(r"^q\.(?P<key>[a-z0-9_.]+)-value$")
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


class FormFields(HTMLParser):
    """The fields a browser would post for the page's main form, and its text areas."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.text_areas: list[str] = []
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
            self.text_areas.append(self._textarea[0])
            self._textarea = None
        elif tag == "select" and self._select:
            self.fields.append((self._select, self._select_value or ""))
            self._select = None


def parse(html: str) -> FormFields:
    parser = FormFields()
    parser.feed(html)
    return parser


def flask(env, *args):
    subprocess.run(
        [str(ROOT / ".venv/bin/flask"), "--app", "app", *args],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def prepare(env, clients):
    flask(env, "ort", "init")
    for iso3 in PARTIES[:clients]:
        flask(
            env,
            "ort",
            "create-user",
            "--email",
            f"bench.{iso3.lower()}@example.org",
            "--role",
            "focal_point",
            "--party",
            iso3,
            "--convention",
            "minamata",
            "--password",
            "bench-password-1",
        )


class Editor:
    """One focal point's browser on the article page of its own report."""

    def __init__(self, base: str, index: int):
        self.index, self.base, self.session = index, base, requests.Session()
        iso3 = PARTIES[index]
        s = self.session
        token = CSRF.search(s.get(f"{base}/login").text).group(1)
        s.post(
            f"{base}/login",
            data={
                "csrf_token": token,
                "password": "bench-password-1",
                "email": f"bench.{iso3.lower()}@example.org",
            },
        )
        home = s.get(f"{base}/")
        start = re.search(r'action="(/cycles/2025-full/start)"', home.text)
        if start:  # the first visit starts the report; later ones open it
            overview = s.post(
                base + start.group(1), data={"csrf_token": CSRF.search(home.text).group(1)}
            )
        else:
            overview = s.get(base + re.search(r'href="(/reports/\d+)"', home.text).group(1))
        path = re.search(rf'href="(/reports/(\d+)/pages/{PAGE})"', overview.text)
        self.url, self.report_id = base + path.group(1), int(path.group(2))
        self.form = parse(s.get(self.url).text)
        self.field = next(n for n in self.form.text_areas if TEXT_ANSWER.match(n))
        self.question = TEXT_ANSWER.match(self.field).group("key")
        self.sent = 0
        #: Values never sent before, even by an earlier editor of the same Party's report.
        self.run = uuid.uuid4().hex[:8]
        self.acknowledged: str | None = None
        self.saves = 0
        self.latencies: list[float] = []

    def save(self) -> bool:
        """One save as a browser makes it; True when the server took it (303 and reload)."""
        self.sent += 1
        value = f"Measures adopted by client {self.index}, run {self.run}, save {self.sent}"
        data = [(k, value if k == self.field else v) for k, v in self.form.fields]
        began = time.perf_counter()
        posted = self.session.post(self.url, data=[*data, ("save", "")], allow_redirects=False)
        self.latencies.append(time.perf_counter() - began)
        if posted.status_code not in (302, 303):
            return False  # the page again, with errors or a conflict: not taken
        self.acknowledged, self.saves = value, self.saves + 1
        self.form = parse(self.session.get(urljoin(self.url, posted.headers["Location"])).text)
        return True


def run(clients: int, seconds: float, action) -> tuple[float, int]:
    """Closed loop: every client repeats `action(i)` for `seconds`; (per second, failed)."""
    counts, errors, stop = [0] * clients, [0] * clients, time.monotonic() + seconds

    def worker(i):
        while time.monotonic() < stop:
            ok = action(i)
            counts[i] += ok
            errors[i] += not ok

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / (time.monotonic() - began), sum(errors)


def _changes(connection, editor: Editor) -> int:
    """`answer.change` events of the editor's question in the audit trail."""
    details = (
        connection.execute(
            text(
                "SELECT details FROM audit_event WHERE report_id = :r AND action = 'answer.change'"
            ),
            {"r": editor.report_id},
        )
        .scalars()
        .all()
    )
    return sum(
        1
        for d in details
        if (json.loads(d) if isinstance(d, str) else d)["question"] == editor.question
    )


def audit_counts(database_url: str, editors: list[Editor]) -> list[int]:
    """Each editor's changes in the audit trail so far (before a run)."""
    engine = create_engine(database_url)
    with engine.connect() as connection:
        counts = [_changes(connection, e) for e in editors]
    engine.dispose()
    return counts


def lost_saves(database_url: str, editors: list[Editor], before: list[int]) -> list[str]:
    """What the database does not hold of what the server acknowledged (empty: nothing);
    `before`: `audit_counts` taken before the editors saved."""
    engine = create_engine(database_url)
    problems = []
    with engine.connect() as connection:
        for e, earlier in zip(editors, before, strict=True):
            stored = connection.execute(
                text("SELECT value_text FROM answer WHERE report_id = :r AND question_key = :q"),
                {"r": e.report_id, "q": e.question},
            ).scalar()
            if stored != e.acknowledged:
                problems.append(
                    f"client {e.index}: stored {stored!r}, acknowledged {e.acknowledged!r}"
                )
            changes = _changes(connection, e) - earlier
            if changes != e.saves:
                problems.append(
                    f"client {e.index}: {e.saves} saves acknowledged, {changes} "
                    f"changes in the audit trail"
                )
    engine.dispose()
    return problems


def measure(base: str, database_url: str, clients: int, seconds: float) -> dict:
    """/healthz and saves, the same clients, one after the other; verified against the
    database (raises SystemExit with what was lost)."""
    editors = [Editor(base, i) for i in range(clients)]
    before = audit_counts(database_url, editors)
    probes = [requests.Session() for _ in range(clients)]
    trivial, _ = run(
        clients, seconds, lambda i: probes[i].get(f"{base}/healthz").status_code == 200
    )
    saves, failed = run(clients, seconds, lambda i: editors[i].save())
    # Pages while others save: half the clients save, the other half read /healthz.
    half = max(clients // 2, 1)
    reads = [0]

    def mixed(i):
        if i < half:
            return editors[i].save()
        ok = probes[i].get(f"{base}/healthz").status_code == 200
        reads[0] += ok
        return ok

    began = time.monotonic()
    _, mixed_failed = run(clients, seconds, mixed)
    reading_while_saving = reads[0] / (time.monotonic() - began)
    failed += mixed_failed
    problems = lost_saves(database_url, editors, before)
    if problems or not any(e.saves for e in editors):
        raise SystemExit(
            "save benchmark: saves not verified in the database:\n  "
            + "\n  ".join(problems or ["no save was acknowledged"])
        )
    latencies = [t for e in editors for t in e.latencies]
    return {
        "healthz": trivial,
        "saves": saves,
        "failed": failed,
        "healthz_while_saving": reading_while_saving,
        "acknowledged": sum(e.saves for e in editors),
        "p50": pct(latencies, 50),
        "p95": pct(latencies, 95),
    }


def serve(env, workers: int, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "--no-control-socket",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "app:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=10).ok:
                return server
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not answer /healthz")


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=5091)
    args = parser.parse_args(argv)
    if args.clients > len(PARTIES):
        parser.error(f"at most {len(PARTIES)} clients")
    tmp = tempfile.mkdtemp()
    url = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
    env = {**os.environ, "DATABASE_URL": url, "ORT_INSTANCE_PATH": tmp, "SECRET_KEY": "bench"}
    env.pop("REDIS_URL", None)
    prepare(env, args.clients)
    server = serve(env, args.workers, args.port)
    try:
        r = measure(f"http://127.0.0.1:{args.port}", url, args.clients, args.seconds)
    finally:
        server.terminate()
        server.wait()
    backend = "PostgreSQL" if url.startswith("postgresql") else "SQLite (WAL)"
    print(
        "| backend | workers | clients | /healthz req/s | saves/s | ratio | save POST p50 / p95 "
        "| /healthz req/s while half save | failed | acknowledged = stored |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    print(
        f"| {backend} | {args.workers} | {args.clients} | {r['healthz']:.0f} | "
        f"{r['saves']:.1f} | {r['saves'] / r['healthz']:.1%} | {r['p50']:.0f} / "
        f"{r['p95']:.0f} ms | {r['healthz_while_saving']:.0f} | {r['failed']} | "
        f"{r['acknowledged']} |"
    )
    return r


if __name__ == "__main__":
    main()
