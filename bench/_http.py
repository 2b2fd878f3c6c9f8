"""A small HTTP client for the benchmarks: timed GETs, closed-loop load from threads,
percentiles, and a page's weight with the CSS and JS it links.

Each GET opens its own connection (gunicorn's sync workers close every connection after
the response), so a time is what a new visitor's request costs: connect, send, wait,
read the last byte.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import statistics
import threading
import time
from urllib.parse import urlsplit

HOST = "127.0.0.1"
#: Every page with its CSS and JS under this many bytes (docs/benchmarks.md, Page weight).
BUDGET = 150 * 1024
ASSET = re.compile(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"|<script[^>]+src="([^"]+)"')


class Reply:
    """A response: status, headers (lower-case names), body, seconds taken."""

    __slots__ = ("status", "headers", "body", "seconds")

    def __init__(self, status, headers, body, seconds):
        self.status, self.headers, self.body, self.seconds = status, headers, body, seconds


def fetch(port: int, path: str, headers: dict | None = None) -> Reply:
    """One GET on a new connection (gunicorn's sync workers close each one), timed from
    connecting to the last byte."""
    began = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    return Reply(
        response.status,
        {k.lower(): v for k, v in response.getheaders()},
        body,
        time.perf_counter() - began,
    )


def pct(times: list[float], q: int) -> float:
    return statistics.quantiles(times, n=100, method="inclusive")[q - 1] * 1000


def _children(pid: int) -> set[int]:
    try:
        return {int(p) for p in open(f"/proc/{pid}/task/{pid}/children").read().split()}
    except OSError:
        return set()


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of a process (0 once it has exited)."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _machine_busy() -> float:
    """CPU seconds spent by every process on every core (from /proc/stat)."""
    values = [int(v) for v in open("/proc/stat").readline().split()[1:]]
    return (sum(values[:8]) - values[3] - values[4]) / os.sysconf("SC_CLK_TCK")


class Usage:
    """CPU used during a phase, per request: by the server's workers (children of the
    gunicorn `master`), by this process (the client threads), and by the whole machine
    (every core, every process); and how many workers started meanwhile (gunicorn's
    max_requests recycles them: a new worker's CPU counts with its start-up, importing the
    app, and the CPU of a worker that exited during the phase is not counted)."""

    def __init__(self, master: int):
        self.master = master
        self.workers = {p: _cpu_seconds(p) for p in _children(master)}
        self.client = sum(os.times()[:2])
        self.machine = _machine_busy()

    def done(self, requests: int) -> dict:
        now = {p: _cpu_seconds(p) for p in _children(self.master)}
        server = sum(cpu - self.workers.get(p, 0.0) for p, cpu in now.items())
        per = 1000 / requests
        return {
            "worker_restarts": len(now.keys() - self.workers.keys()),
            "server_cpu_ms": server * per,
            "client_cpu_ms": (sum(os.times()[:2]) - self.client) * per,
            "machine_cpu_ms": (_machine_busy() - self.machine) * per,
        }


def load(port: int, clients: int, count: int, pick, check, master: int | None = None) -> dict:
    """`count` requests from `clients` threads; `pick(rng)` gives (path, headers, expected),
    `check(reply, expected)` raises on a wrong answer. Each request's seconds, the phase's
    duration and, when the server's `master` pid is given, the CPU used (see Usage)."""
    times: list[float] = []
    errors: list[str] = []
    left = [count]
    lock = threading.Lock()

    def client(seed):
        rng = random.Random(seed)
        while True:
            with lock:
                if left[0] <= 0 or errors:
                    return
                left[0] -= 1
            path, headers, expected = pick(rng)
            try:
                reply = fetch(port, path, headers)
                check(reply, expected)
            except Exception as exc:  # noqa: BLE001  (reported below)
                with lock:
                    errors.append(f"{path}: {exc!r}")
                return
            with lock:
                times.append(reply.seconds)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    usage = Usage(master) if master else None
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    if errors:
        raise SystemExit(f"{len(errors)} failed requests, first: {errors[0]}")
    return {"times": times, "seconds": elapsed, **(usage.done(len(times)) if usage else {})}


def summary(runs: list[dict]) -> dict:
    """Several runs of `load` as one: percentiles of every request, the rate over the time
    they took, CPU per request averaged over the requests, restarts added up."""
    times = [t for run in runs for t in run["times"]]
    out = {
        "requests": len(times),
        "p50_ms": pct(times, 50),
        "p95_ms": pct(times, 95),
        "p99_ms": pct(times, 99),
        "req_s": len(times) / sum(r["seconds"] for r in runs),
        "rounds_p95_ms": [pct(r["times"], 95) for r in runs],
    }
    for key in ("server_cpu_ms", "client_cpu_ms", "machine_cpu_ms"):
        if key in runs[0]:
            out[key] = sum(r[key] * len(r["times"]) for r in runs) / len(times)
    if "worker_restarts" in runs[0]:
        out["worker_restarts"] = sum(r["worker_restarts"] for r in runs)
    return out


def weigh(get, path: str, assets: dict) -> dict | None:
    """HTML bytes plus the CSS and JS it links (each fetched once per run); None for 404."""
    response = get(path)
    if response.status_code == 404:
        return None
    assert response.status_code == 200, (path, response.status_code)
    html = response.content
    linked = []
    for css, js in ASSET.findall(html.decode("utf-8")):
        src = urlsplit(css or js).path
        if src not in assets:
            asset = get(src)
            assert asset.status_code == 200, (src, asset.status_code)
            assets[src] = len(asset.content)
        linked.append(src)
    total = len(html) + sum(assets[a] for a in set(linked))
    return {
        "path": path,
        "html": len(html),
        "assets": total - len(html),
        "total": total,
        "linked": sorted(set(linked)),
        "pass": total < BUDGET,
        "etag": response.headers.get("ETag"),
        "cache_control": response.headers.get("Cache-Control"),
        "sets_cookie": "Set-Cookie" in response.headers,
    }
