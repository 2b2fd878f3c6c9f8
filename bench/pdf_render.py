"""How long a PDF takes to render, and how much memory it needs.

A full report (2025-full) with every question answered and visible: every yes/no answered
"yes" so that every conditional follow-up is shown, and every table with TABLE_ROWS rows.
It is submitted, and the PDF is made from the submitted version, as a download would be.
Also measured: the same report in Arabic (shaping and reordering), and the blank full
questionnaire. Runs against a throw-away SQLite database.

    .venv/bin/python bench/pdf_render.py [--runs 5] [--rows 10]

Time is wall time per PDF (median and worst of the runs, after one warm-up); memory is
the peak of Python allocations during one rendering (tracemalloc), and the process's
maximum resident set size at the end. Registering the fonts, once per process, is
measured apart.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _answers(fmt, rows: int) -> dict:
    from reporting.questionnaire.samples import sample_value

    rng = random.Random(7)
    answers = {}
    for q in fmt.iter_questions("full"):
        if q.prefill:
            continue
        if q.kind.name in ("yes_no", "yes_no_na"):
            value = "yes"
        else:
            value = sample_value(q, rng, 2024, fill_tables=rows)
        if value is not None:
            answers[q.key] = {"value": value}
    return answers


def _measure(render, runs: int) -> dict:
    render()  # warm-up: fonts, format and catalogs loaded once per process
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        data = render()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    render()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    from io import BytesIO

    from pypdf import PdfReader

    return {
        "median_s": statistics.median(times),
        "max_s": max(times),
        "peak_mib": peak / 2**20,
        "pages": len(PdfReader(BytesIO(data)).pages),
        "kib": len(data) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=10, help="rows in every table answer")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="ort-bench-pdf-"))
    os.environ["ORT_INSTANCE_PATH"] = str(tmp)
    from flask_migrate import upgrade
    from sqlalchemy import select

    from reporting import create_app
    from reporting.extensions import db
    from reporting.models import Party, ReportingCycle, Role, User
    from reporting.pdf.fonts import ensure_fonts
    from reporting.pdf.questionnaire import render_questionnaire
    from reporting.pdf.report import latest_version, render_report
    from reporting.questionnaire import get_format
    from reporting.reports import workflow
    from reporting.reports.answers import save_answers
    from reporting.seed import seed_all

    # Once per process: parsing the font files (WenQuanYi alone is a 10 MB collection).
    # Timed without tracemalloc, which slows reportlab's font parser tenfold; memory as
    # the growth of the resident set.
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    ensure_fonts()
    fonts_s = time.perf_counter() - start
    fonts_rss = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    print(f"font registration (once per process): {fonts_s:.3f} s, +{fonts_rss:.0f} MiB RSS")

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'bench.sqlite3'}", "SECRET_KEY": "bench"}
    )
    with app.test_request_context("/"):
        upgrade(revision="heads")
        seed_all()
        party = db.session.scalars(select(Party).where(Party.iso3 == "MEX")).one()
        cycle = db.session.scalars(
            select(ReportingCycle).where(ReportingCycle.code == "2025-full")
        ).one()
        user = User(email="bench@example.org", role=Role.focal_point, party=party, name="Bench")
        db.session.add(user)
        db.session.flush()
        fmt = get_format(cycle.format_id, cycle.format_version)
        report = workflow.start_report(party, cycle, user, carry_over=False)
        issues = save_answers(report, fmt, _answers(fmt, args.rows), user, "full")
        assert not issues, issues
        submission = workflow.submit(report, user)
        db.session.commit()
        version = latest_version(report)
        print(
            f"report: {len(submission.content['answers'])} answers, tables of {args.rows} rows, "
            f"{args.runs} runs"
        )
        results = {
            "full report, en": _measure(lambda: render_report(version, "en"), args.runs),
            "full report, ar": _measure(lambda: render_report(version, "ar"), args.runs),
            "blank full questionnaire, en": _measure(
                lambda: render_questionnaire(cycle, "en"), args.runs
            ),
        }
    print(f"{'PDF':<30} {'pages':>5} {'KiB':>6} {'median s':>9} {'max s':>7} {'peak MiB':>9}")
    for name, r in results.items():
        print(
            f"{name:<30} {r['pages']:>5} {r['kib']:>6.0f} {r['median_s']:>9.3f} "
            f"{r['max_s']:>7.3f} {r['peak_mib']:>9.1f}"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process max RSS: {rss:.0f} MiB (Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
