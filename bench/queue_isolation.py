"""Does long work on the task queue leave the web pages fast? A focal point's page load,
idle and while 4 cycle-PDF jobs and a full long export run, on a real server.

Starts gunicorn (`gunicorn.conf.py`, WORKERS=2) and ONE Celery worker (prefork,
concurrency 1) on a scratch database (SQLite by default, or --database-url PostgreSQL),
seeded with `flask ort init` + `flask ort demo` and then N Parties x every cycle of
filled, submitted or accepted reports (the data generator of bench/_data.py:
a few reports per kind made through the workflow, the rest bulk copies). Then:

1. idle: the focal point of Mexico (logged in through the login form) loads the
   Article 3 page of its 2025 full report K times, one request after the other;
2. loaded: the secretariat analyst starts, through the web pages, one long CSV export
   of all data (Data exports page) and the "PDFs of every submitted report" zip of 4
   cycles (cycle dashboards); while they are queued or running (their status.json is
   polled as the job page does) the same focal point loads the same page K times;
   the gunicorn workers' resident memory is read before and after;
3. the export: waited for, its progress checked (status.json showed `done` growing
   before the end), its file downloaded (size, CSV rows).

Prints a Markdown table. Traffic goes only to 127.0.0.1; everything is bounded by
--timeout seconds; gunicorn and the worker are stopped at the end, also on error.

    .venv/bin/python bench/queue_isolation.py [--parties 200] [--requests 200]
        [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/DB] [--timeout 900]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import _data as data  # noqa: E402  (bench/_data.py)

BASE_HOST = "127.0.0.1"
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
PASSWORD = "demo-2026"  # reporting.demo.DEMO_PASSWORD
FOCAL, ANALYST = "focal.mex@ort.example", "analyst@ort.example"
HTTP_TIMEOUT = 60


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout("overall timeout reached")


# -- data ---------------------------------------------------------------------------------


def flask(env, *args):
    subprocess.run(
        [str(ROOT / ".venv/bin/flask"), "--app", "app", *args],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=600,
    )


def fill(url: str, parties: int) -> int:
    """`parties` Parties x every cycle of submitted/accepted reports, around the demo's
    reports (a Party's report in a cycle where the demo made one is left as it is)."""
    from sqlalchemy import select

    from reporting.extensions import db
    from reporting.models import Report, ReportingCycle

    app = data.app(url)
    with app.app_context():
        cycles = list(db.session.scalars(select(ReportingCycle).order_by(ReportingCycle.year)))
        chosen = data.parties(parties)
        existing = set(db.session.execute(select(Report.party_id, Report.cycle_id)).all())
        made = data.fill(chosen, cycles, skip=existing)
        data.dispose()
    return made


# -- processes ------------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _rss_mib(pid: int) -> float:
    try:
        import psutil

        return psutil.Process(pid).memory_info().rss / 2**20
    except ImportError:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def web_rss(master: int) -> list[float]:
    """Resident MiB of each gunicorn worker process (the master's children)."""
    return [round(_rss_mib(pid), 1) for pid in sorted(_children(master))]


def _stop(process: subprocess.Popen | None, grace: float) -> None:
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)  # its own process group (start_new_session)
        process.wait(grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)
    except ProcessLookupError:
        pass


# -- the browser ----------------------------------------------------------------------------


def login(base: str, email: str) -> requests.Session:
    s = requests.Session()
    token = TOKEN.search(s.get(f"{base}/login", timeout=HTTP_TIMEOUT).text).group(1)
    r = s.post(
        f"{base}/login",
        data={"csrf_token": token, "email": email, "password": PASSWORD},
        timeout=HTTP_TIMEOUT,
    )
    r.raise_for_status()
    if "/login" in r.url:
        raise SystemExit(f"login failed for {email}")
    return s


def focal_page(base: str, s: requests.Session) -> str:
    home = s.get(f"{base}/", timeout=HTTP_TIMEOUT)
    token = TOKEN.search(home.text).group(1)
    overview = s.post(
        f"{base}/cycles/2025-full/start", data={"csrf_token": token}, timeout=HTTP_TIMEOUT
    )
    overview.raise_for_status()
    return base + re.search(r'href="(/reports/\d+/pages/art3)"', overview.text).group(1)


def load(
    s: requests.Session,
    url: str,
    count: int,
    deadline: float,
    label=None,
    labels: list | None = None,
) -> list[float]:
    """`count` sequential loads; with `label`, what ran during each is put in `labels`."""
    times = []
    for _ in range(count):
        if time.monotonic() > deadline:
            raise Timeout("page loads past the deadline")
        began = time.perf_counter()
        r = s.get(url, timeout=HTTP_TIMEOUT)
        times.append(time.perf_counter() - began)
        if label is not None:
            labels.append((times[-1], label()))
        if r.status_code != 200 or "art3" not in r.text:
            raise SystemExit(f"page load failed: {r.status_code}")
    return times


def pct(times: list[float], q: int) -> float:
    return statistics.quantiles(times, n=100, method="inclusive")[q - 1] * 1000


def start_export(base: str, s: requests.Session) -> str:
    page = s.get(f"{base}/secretariat/exports", timeout=HTTP_TIMEOUT)
    token = TOKEN.search(page.text).group(1)
    r = s.post(
        f"{base}/secretariat/exports",
        timeout=HTTP_TIMEOUT,
        data={"csrf_token": token, "shape": "long", "file_format": "csv", "language": "en"},
    )
    if "/secretariat/jobs/" not in r.url:
        raise SystemExit(f"export not started: {r.status_code} {r.url}")
    return r.url


def start_cycle_pdfs(base: str, s: requests.Session, code: str) -> str:
    page = s.get(f"{base}/secretariat/cycles/{code}", timeout=HTTP_TIMEOUT)
    action = re.search(r'action="(/secretariat/cycles/[^"]+/pdfs)"', page.text).group(1)
    token = TOKEN.search(page.text).group(1)
    r = s.post(base + action, data={"csrf_token": token}, timeout=HTTP_TIMEOUT)
    if "/secretariat/jobs/" not in r.url:
        raise SystemExit(f"PDF job not started for {code}: {r.status_code} {r.url}")
    return r.url


class Poller(threading.Thread):
    """Polls each job's status.json like the job page's script, and keeps what it saw."""

    def __init__(self, s: requests.Session, jobs: dict[str, str], every: dict[str, float]):
        super().__init__(daemon=True)
        self.s, self.jobs, self.every = s, jobs, every
        self.seen: dict[str, list[tuple[float, dict]]] = {name: [] for name in jobs}
        self.stopping = threading.Event()
        self.errors = 0

    def last(self, name: str) -> dict | None:
        return self.seen[name][-1][1] if self.seen[name] else None

    def running(self) -> str:
        """The job the worker runs now, as last polled (or "none running")."""
        for name in self.jobs:
            if (self.last(name) or {}).get("status") == "running":
                return "export" if name == "export" else "PDF zip"
        return "none running"

    def finished(self, name: str) -> bool:
        last = self.last(name)
        return bool(last and last["finished"])

    def run(self):
        due = {name: 0.0 for name in self.jobs}
        while not self.stopping.is_set():
            now = time.monotonic()
            for name, url in self.jobs.items():
                if self.finished(name) or now < due[name]:
                    continue
                due[name] = now + self.every[name]
                try:
                    status = self.s.get(f"{url}/status.json", timeout=HTTP_TIMEOUT).json()
                except (requests.RequestException, ValueError):
                    self.errors += 1
                    continue
                self.seen[name].append((time.monotonic(), status))
            if all(self.finished(n) for n in self.jobs):
                return
            self.stopping.wait(0.1)


# -- the run --------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url")
    parser.add_argument("--parties", type=int, default=200)
    parser.add_argument("--requests", type=int, default=200, help="page loads per phase")
    parser.add_argument("--port", type=int, default=5093)
    parser.add_argument("--timeout", type=int, default=900, help="seconds for everything")
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(args.timeout)
    deadline = time.monotonic() + args.timeout - 30
    tmp = Path(tempfile.mkdtemp(prefix="ort-bench-queue-"))
    url = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "ORT_INSTANCE_PATH": str(tmp),
        "SECRET_KEY": "bench",
        "PORT": str(args.port),
        "HOST": BASE_HOST,
        "WORKERS": "2",
        "GUNICORN_ACCESS_LOG": os.devnull,
        "FLASK_APP": "app",
    }
    env.pop("REDIS_URL", None)
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "ORT_INSTANCE_PATH", "SECRET_KEY")})
    server = worker = None
    logs = []
    try:
        began = time.monotonic()
        flask(env, "ort", "init")
        flask(env, "ort", "demo")
        made = fill(url, args.parties)
        seed_seconds = time.monotonic() - began
        print(f"seeded: demo + {made} reports in {seed_seconds:.0f} s", file=sys.stderr)

        for name in ("gunicorn", "worker"):
            logs.append(open(tmp / f"{name}.log", "wb"))
        server = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "--no-control-socket",
                "-c",
                "gunicorn.conf.py",
                "app:app",
            ],
            cwd=ROOT,
            env=env,
            stdout=logs[0],
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        worker = subprocess.Popen(
            # As bin/run starts it: below the web workers' priority (TASK_WORKER_NICE).
            [
                "nice",
                "-n",
                os.environ.get("TASK_WORKER_NICE", "10"),
                str(ROOT / ".venv/bin/celery"),
                "-A",
                "reporting.tasks.worker",
                "worker",
                "--pool",
                "prefork",
                "--concurrency",
                "1",
                "--loglevel",
                "INFO",
            ],
            cwd=ROOT,
            env=env,
            stdout=logs[1],
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        base = f"http://{BASE_HOST}:{args.port}"
        for _ in range(300):
            try:
                if requests.get(f"{base}/healthz", timeout=5).ok:
                    break
            except (requests.ConnectionError, requests.Timeout):
                pass
            time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not answer")
        for _ in range(300):  # the worker is ready (and has drained the seeding's mail)
            if b"ready." in (tmp / "worker.log").read_bytes():
                break
            time.sleep(0.2)
        else:
            raise SystemExit("the worker did not start")
        time.sleep(5)

        focal = login(base, FOCAL)
        page = focal_page(base, focal)
        load(focal, page, 20, deadline)  # warm-up: both workers, templates, caches
        idle = load(focal, page, args.requests, deadline)
        page_bytes = len(focal.get(page, timeout=HTTP_TIMEOUT).content)

        analyst = login(base, ANALYST)
        home = analyst.get(f"{base}/secretariat/", timeout=HTTP_TIMEOUT).text
        codes = sorted(set(re.findall(r'href="/secretariat/cycles/([\w-]+)"', home)))
        rss_before = web_rss(server.pid)
        jobs = {"export": start_export(base, analyst)}
        for code in codes[-4:]:
            jobs[f"pdfs {code}"] = start_cycle_pdfs(base, analyst, code)
        started = time.monotonic()
        poller = Poller(requests.Session(), jobs, {n: 0.25 if n == "export" else 2.0 for n in jobs})
        poller.s.cookies.update(analyst.cookies)
        poller.start()
        while not any((poller.last(n) or {}).get("status") in ("running", "done") for n in jobs):
            if time.monotonic() > deadline:  # loads start once the worker has begun a job
                raise Timeout("no job started before the deadline")
            time.sleep(0.1)
        wait_seconds = time.monotonic() - started
        tagged: list[tuple[float, str]] = []
        loaded = load(focal, page, args.requests, deadline, poller.running, tagged)
        loaded_seconds = time.monotonic() - started - wait_seconds
        at_end_of_loaded = {
            n: analyst.get(f"{u}/status.json", timeout=HTTP_TIMEOUT).json()["status"]
            for n, u in jobs.items()
        }

        while not poller.finished("export"):
            if time.monotonic() > deadline:
                raise Timeout("export not done before the deadline")
            time.sleep(0.5)
        seen = poller.seen["export"]
        final = seen[-1][1]
        if final["status"] != "done":
            raise SystemExit(f"export ended {final['status']}: {final['error']}")
        export_seconds = seen[-1][0] - started
        partial = [st["done"] for _, st in seen if not st["finished"] and st["done"] > 0]
        visible = len(partial) >= 1 and partial == sorted(partial)
        r = analyst.get(base + final["download_url"], timeout=HTTP_TIMEOUT)
        r.raise_for_status()
        size = len(r.content)
        rows = sum(1 for _ in csv.reader(io.StringIO(r.content.decode("utf-8-sig")))) - 1
        rss_mid = web_rss(server.pid)

        # The worker runs one job at a time: the PDF jobs were queued behind the export.
        # Same loads again while one of them renders.
        pdf_names = [n for n in jobs if n != "export"]
        while not any(
            (poller.last(n) or {}).get("status") in ("running", "done") for n in pdf_names
        ):
            if time.monotonic() > deadline:
                raise Timeout("no PDF job started before the deadline")
            time.sleep(0.1)
        pdf_running = next(
            n for n in pdf_names if (poller.last(n) or {}).get("status") == "running"
        )
        loaded_pdf = load(focal, page, args.requests, deadline, poller.running, tagged)
        pdf_states = {
            n: analyst.get(f"{jobs[n]}/status.json", timeout=HTTP_TIMEOUT).json() for n in pdf_names
        }
        rss_after = web_rss(server.pid)
        poller.stopping.set()
    finally:
        signal.alarm(0)
        _stop(worker, 20)
        _stop(server, 30)
        for handle in logs:
            handle.close()
        if not os.environ.get("ORT_BENCH_KEEP"):
            shutil.rmtree(tmp, ignore_errors=True)

    backend = "PostgreSQL" if args.database_url else "SQLite (WAL)"
    idle95 = pct(idle, 95)
    command = "    .venv/bin/python bench/queue_isolation.py " + " ".join(
        a if not a.startswith("postgresql") else re.sub(r"/[^/]+$", "/<db>", a)
        for a in sys.argv[1:]
    )
    print(
        f"Date {date.today().isoformat()}, {os.cpu_count()} cores, load average at the end "
        f"{os.getloadavg()[0]:.1f}. {backend}, {args.parties} Parties x {len(codes)} cycles "
        f"({made} reports generated around the demo's). Command:\n\n{command}\n"
    )
    print(
        f"Focal point {FOCAL}: {page.replace(base, '')} ({page_bytes} bytes), {args.requests} "
        f"sequential loads per phase.\n"
    )
    print("| phase | while | p50 ms | p95 ms | p95 / idle p95 (target <= 1.5) |")
    print("|---|---|---:|---:|---:|")
    print(f"| idle | worker idle | {pct(idle, 50):.0f} | {idle95:.0f} | 1.00 |")
    print(
        f"| loaded 1 | from the start of the jobs (export first, then 4 cycle-PDF jobs) "
        f"| {pct(loaded, 50):.0f} | {pct(loaded, 95):.0f} | {pct(loaded, 95) / idle95:.2f} |"
    )
    print(
        f"| loaded 2 | after the export, while the PDF zip of {pdf_running} renders "
        f"| {pct(loaded_pdf, 50):.0f} | {pct(loaded_pdf, 95):.0f} "
        f"| {pct(loaded_pdf, 95) / idle95:.2f} |"
    )
    for what in ("export", "PDF zip", "none running"):
        group = [t for t, running in tagged if running == what]
        if len(group) >= 2:
            print(
                f"| loaded 1+2, by job | {len(group)} loads while the worker ran: {what} "
                f"| {pct(group, 50):.0f} | {pct(group, 95):.0f} "
                f"| {pct(group, 95) / idle95:.2f} |"
            )
    print()
    print(
        "| web RSS MiB (2 workers) before jobs | after export | after PDF phase "
        "| export rows (CSV) | export MiB | export s (start to done) "
        "| progress seen before done |"
    )
    print("|---|---|---|---:|---:|---:|---|")
    print(
        f"| {' + '.join(map(str, rss_before))} | {' + '.join(map(str, rss_mid))} "
        f"| {' + '.join(map(str, rss_after))} | {rows} | {size / 2**20:.1f} "
        f"| {export_seconds:.1f} | {'yes' if visible else 'NO'}: {len(partial)} polls while "
        f"running, done {partial[0] if partial else '-'} .. {partial[-1] if partial else '-'}"
        f" of {final['done']} |"
    )
    states = {n: f"{st['status']} {st['done']}" for n, st in pdf_states.items()}
    print(
        f"\nExport phase: loads began {wait_seconds:.1f} s after the jobs were started, took "
        f"{loaded_seconds:.0f} s; job states at its end: {at_end_of_loaded}. PDF jobs at the "
        f"end of the PDF phase (status, reports rendered): {states}. status.json polls "
        f"failed: {poller.errors}. Seeding took {seed_seconds:.0f} s."
    )


if __name__ == "__main__":
    main()
