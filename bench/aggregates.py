"""One-question aggregates through the REST API, against a real gunicorn (issue 14).

Data: `flask ort synth --parties N --cycles C` (reports made through the workflow and
copied, in a mix of states). Then, with a partner's token (published reports only), the
clients ask in turn for the counts (/aggregates/options), numbers (/aggregates/numbers)
and series (/aggregates/series) of single questions — a quantity, a table's summable
column, a choice — each a fresh computation (no If-None-Match). `/healthz` with the same
clients first is the baseline of the same run. Every answer is checked: 200, JSON rows of
the asked question, and the same rows every time it is asked (the figures are only
reported for a run in which every answer was right).

    .venv/bin/python bench/aggregates.py --parties 100 --cycles 5
    .venv/bin/python bench/aggregates.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/ort_agg
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from save_throughput import ROOT, serve  # noqa: E402  (bench/ is the scripts' folder)

#: (endpoint, question key): a quantity, a summable table column, a choice; and a series.
ASKED = [
    ("numbers", "art3.chlor_alkali.quantity"),
    ("numbers", "art3.exports.total_quantity"),
    ("numbers", "art3.stocks.list"),
    ("options", "art3.primary_mining"),
    ("options", "art3.primary_mining.uses"),
    ("series", "art3.chlor_alkali.quantity"),
]


def flask(env: dict, *args: str) -> str:
    done = subprocess.run(
        [str(ROOT / ".venv/bin/flask"), "--app", "app", *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def prepare(env: dict, parties: int, cycles: int) -> str:
    """The data and a partner's token (with a rate limit the benchmark cannot reach)."""
    flask(env, "ort", "init")
    flask(env, "ort", "synth", "--parties", str(parties), "--cycles", str(cycles), "--yes")
    out = flask(env, "ort", "create-api-client", "--name", "bench", "--rate-limit", "10000000/hour")
    return out.strip().splitlines()[-1]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def load(clients: int, seconds: float, action) -> tuple[list[float], int]:
    """Closed loop: each client repeats `action()` (True when right); (seconds each, wrong)."""
    times: list[float] = []
    wrong = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker():
        session = requests.Session()
        while time.monotonic() < stop:
            began = time.perf_counter()
            ok = action(session)
            took = time.perf_counter() - began
            with lock:
                times.append(took)
                wrong[0] += not ok

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times, wrong[0]


def measure(base: str, token: str, clients: int, seconds: float) -> dict:
    headers = {"Authorization": f"Bearer {token}"}
    health, health_wrong = load(
        clients, seconds, lambda s: s.get(f"{base}/healthz").status_code == 200
    )
    results = {"healthz": _summary(health, seconds), "failed": health_wrong, "asked": []}
    for endpoint, key in ASKED:
        url = f"{base}/api/v1/aggregates/{endpoint}?question={key}&page_size=500"
        first = requests.get(url, headers=headers)
        if first.status_code != 200 or not first.json():
            raise SystemExit(f"{endpoint} {key}: {first.status_code} {first.text[:200]}")
        expected = first.json()
        if any(str(row.get("question_key")).split("@")[0] != key for row in expected):
            found = sorted({str(row.get("question_key")) for row in expected})
            raise SystemExit(f"{endpoint} {key}: rows of other questions: {found}")

        def ask(session, url=url, expected=expected):
            reply = session.get(url, headers=headers)
            return reply.status_code == 200 and reply.json() == expected

        times, wrong = load(clients, seconds, ask)
        results["failed"] += wrong
        results["asked"].append(
            {
                "endpoint": endpoint,
                "question": key,
                "rows": len(expected),
                **_summary(times, seconds),
            }
        )
    if results["failed"]:
        raise SystemExit(f"{results['failed']} answers were wrong: no figures reported")
    return results


def _summary(times: list[float], seconds: float) -> dict:
    return {
        "per_second": len(times) / seconds,
        "p50": statistics.median(times) * 1000,
        "p95": _percentile(times, 0.95) * 1000,
    }


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url")
    parser.add_argument("--parties", type=int, default=100)
    parser.add_argument("--cycles", type=int, default=5)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=5093)
    args = parser.parse_args(argv)
    tmp = tempfile.mkdtemp(prefix="ort-bench-agg-")
    url = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
    env = {**os.environ, "DATABASE_URL": url, "ORT_INSTANCE_PATH": tmp, "SECRET_KEY": "bench"}
    env.pop("REDIS_URL", None)
    token = prepare(env, args.parties, args.cycles)
    server = serve(env, args.workers, args.port)
    try:
        r = measure(f"http://127.0.0.1:{args.port}", token, args.clients, args.seconds)
    finally:
        server.terminate()
        server.wait()
    backend = "PostgreSQL" if url.startswith("postgresql") else "SQLite (WAL)"
    h = r["healthz"]
    print(f"{backend}, {args.parties} Parties x {args.cycles} cycles, {args.clients} clients")
    print(f"/healthz: {h['per_second']:.0f} req/s, p50 {h['p50']:.1f} ms, p95 {h['p95']:.1f} ms")
    print("| endpoint | question | rows | req/s | p50 | p95 | p95 / /healthz p95 |")
    print("|---|---|---|---|---|---|---|")
    for a in r["asked"]:
        print(
            f"| {a['endpoint']} | `{a['question']}` | {a['rows']} | {a['per_second']:.1f} | "
            f"{a['p50']:.0f} ms | {a['p95']:.0f} ms | {a['p95'] / h['p95']:.0f}x |"
        )
    print(json.dumps({"backend": backend, **r}))
    return r


if __name__ == "__main__":
    main()
