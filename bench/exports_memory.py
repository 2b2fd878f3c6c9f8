"""Do exports stream? Time and peak memory of the long export at growing data sizes.

Builds a scratch database (SQLite, and PostgreSQL when one answers on 127.0.0.1:5432)
with N reports spread over the five seeded cycles: a few template reports per report
kind are made the way focal points make them (start, save sample answers, submit),
and every other report gets a copy of a template's answers and table cells by bulk
insert (as fast as possible, same shape of data). Synthetic Parties are added when N
exceeds what the Parties list gives (the generator is bench/_data.py).

Each export then runs in a fresh Python process (peak RSS is a per-process high-water
mark): the long shape in CSV, XLSX and JSON, written to a temporary file. Recorded:
rows, file size, wall time, the process's resident set size before the export (app,
format and libraries loaded), its peak during the export (`ru_maxrss`), and the peak
of Python allocations during the export (tracemalloc, in a second run, since it slows
the code down). A last line materialises the rows in a list before writing, to show
that the measurement would see memory grow if the export did not stream.

    .venv/bin/python bench/exports_memory.py [--sizes 100 400 1600] [--no-postgres]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))  # for `_data` when imported from elsewhere

import _data as data  # noqa: E402  (bench/_data.py)


def _rss_kib() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


# -- building the data ----------------------------------------------------------------------


def build(url: str, reports: int) -> None:
    """A fresh database at `url` with `reports` submitted or accepted reports."""
    from flask_migrate import upgrade
    from sqlalchemy import select

    from reporting.extensions import db
    from reporting.models import ReportingCycle
    from reporting.seed import seed_all

    app = data.app(url)
    with app.app_context():
        upgrade(revision="heads")
        seed_all()
        cycles = list(db.session.scalars(select(ReportingCycle).order_by(ReportingCycle.year)))
        chosen = data.parties(-(-reports // len(cycles)))
        data.fill(chosen, cycles, limit=reports)
        data.dispose()


# -- measuring one export (run in a child process) --------------------------------------------


def measure(url: str, file_format: str, naive: bool, traced: bool) -> dict:
    from reporting.exports import ExportFilters, build_plan, export_stream
    from reporting.exports.fields import LONG_FIELDS
    from reporting.exports.long import iter_long_rows
    from reporting.exports.writers import Dataset, csv_chunks

    app = data.app(url)
    with app.app_context(), app.test_request_context():
        plan = build_plan(ExportFilters())
        import openpyxl  # noqa: F401  (libraries loaded before the baseline)

        before = _rss_kib()
        if traced:
            tracemalloc.start()
        start = time.perf_counter()
        with tempfile.TemporaryFile() as out:
            if naive:  # what not streaming would cost: every row in memory first
                rows = list(iter_long_rows(plan))
                chunks = csv_chunks(Dataset("long", LONG_FIELDS, lambda: rows))
            else:
                chunks = export_stream("long", file_format, plan).chunks
            for chunk in chunks:
                out.write(chunk)
            size = out.tell()
        seconds = time.perf_counter() - start
        traced_peak = tracemalloc.get_traced_memory()[1] if traced else None
        if traced:
            tracemalloc.stop()
    return {
        "bytes": size,
        "seconds": seconds,
        "rss_before_kib": before,
        "rss_peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "traced_peak_bytes": traced_peak,
    }


def _child(url: str, file_format: str, naive: bool = False, traced: bool = False) -> dict:
    args = [sys.executable, __file__, "--measure", url, "--format", file_format]
    args += ["--naive"] if naive else []
    args += ["--traced"] if traced else []
    output = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def _long_rows(url: str) -> int:
    from reporting.exports import ExportFilters, iter_long_rows
    from reporting.extensions import db

    app = data.app(url)
    with app.app_context(), app.test_request_context():
        count = sum(1 for _ in iter_long_rows(ExportFilters()))
        db.session.remove()
        db.engine.dispose()
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[100, 400, 1600], help="numbers of reports"
    )
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--format", default="csv", help=argparse.SUPPRESS)
    parser.add_argument("--naive", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.format, args.naive, args.traced)))
        return

    scratch = Path(tempfile.mkdtemp(prefix="ort-bench-exports-"))
    os.environ["ORT_INSTANCE_PATH"] = str(scratch / "instance")
    try:
        _run(args, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _run(args, scratch: Path) -> None:
    print(
        "| database | reports | long rows | format | file MiB | seconds | RSS before MiB "
        "| RSS peak MiB | peak - before MiB | Python peak MiB |"
    )
    print("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        targets = [("SQLite", f"sqlite:///{scratch / f'bench-{size}.sqlite3'}")]
        if not args.no_postgres:
            pg = data.postgres_url(f"ort_bench_exports_{size}")
            if pg:
                targets.append(("PostgreSQL", pg))
        for name, url in targets:
            build(url, size)
            rows = _long_rows(url)
            runs = [(f, False) for f in ("csv", "xlsx", "json")]
            if size == max(args.sizes):
                runs.append(("csv", True))
            for file_format, naive in runs:
                result = _child(url, file_format, naive)
                traced = _child(url, file_format, naive, traced=True)["traced_peak_bytes"]
                label = f"{file_format} (rows in a list first)" if naive else file_format
                mib = 1024
                print(
                    f"| {name} | {size} | {rows} | {label} | {result['bytes'] / mib / mib:.1f} "
                    f"| {result['seconds']:.1f} | {result['rss_before_kib'] / mib:.0f} "
                    f"| {result['rss_peak_kib'] / mib:.0f} "
                    f"| {(result['rss_peak_kib'] - result['rss_before_kib']) / mib:.0f} "
                    f"| {traced / mib / mib:.1f} |",
                    flush=True,
                )
            data.drop(url)


if __name__ == "__main__":
    main()
