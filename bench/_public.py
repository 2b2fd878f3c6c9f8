"""What bench/public_pages.py does against the app and the server: the scratch data, the
in-process profile and the acceptance (both run in subprocesses with the server's
environment), what a page's answer must be, the weights of the pages, and the check that
a publication shows up."""

from __future__ import annotations

import json
import random
import re
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import _data as data
import requests
from _http import Reply, fetch, pct, weigh

FULL = "2025-full"
#: Answer kinds with one code per answer (counted per option in `options.csv`).
SINGLE_CHOICE = ("yes_no", "yes_no_na", "single_choice")
LANGUAGES = ("en", "fr", "ar")
REVIEWER, PASSWORD = "bench.reviewer@example.org", "bench-password-1"
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
REPORTING = re.compile(r"<strong>([\d,\u202f\u00a0 ]+)</strong> Parties with a published report")


# -- data -----------------------------------------------------------------------------------


def seed(url: str, parties: int) -> dict:
    """The scratch database: returns what the run needs to know about it."""
    from flask_migrate import upgrade
    from sqlalchemy import select

    from reporting.analysis import ExportFilters, build_plan
    from reporting.charts.pages import charted as is_charted
    from reporting.extensions import db
    from reporting.models import Answer, Report, ReportingCycle, Role, User
    from reporting.seed import seed_all

    app = data.app(url)
    with app.test_request_context("/"):
        upgrade(revision="heads")
        seed_all()
        reviewer = User(email=REVIEWER, role=Role.secretariat, name="Bench Reviewer")
        reviewer.set_password(PASSWORD)
        db.session.add(reviewer)
        every = db.session.scalars(select(ReportingCycle).order_by(ReportingCycle.year))
        cycles = [c for c in every if c.due_date <= date.today()]
        chosen = data.parties(parties)
        held = (chosen[-1].id, next(c.id for c in cycles if c.code == FULL))
        made = data.fill(
            chosen,
            cycles,
            reviewer=reviewer,
            status=lambda i, p, c: "submitted" if (p.id, c.id) == held else "accepted",
        )
        plan = build_plan(ExportFilters(audience="published", cycles=[FULL]))
        charted = [k for k, info in plan.questions.items() if is_charted(info)]
        report = db.session.scalars(
            select(Report).where(Report.party_id == held[0], Report.cycle_id == held[1])
        ).one()
        answers = {
            a.question_key: a
            for a in db.session.scalars(select(Answer).where(Answer.report_id == report.id))
        }
        # The question whose count the publication must change: a single choice the held
        # report answered (not hidden, not confidential).
        check = next(
            k
            for k in charted
            if plan.questions[k].kind in SINGLE_CHOICE
            and k in answers
            and answers[k].value_text
            and not answers[k].hidden
            and not answers[k].confidential
        )
        published = db.session.scalar(
            select(db.func.count(Report.id)).where(
                Report.cycle_id == held[1], Report.published_clause()
            )
        )
        info = {
            "reports": made,
            "cycles": [c.code for c in cycles],
            "charted": charted,
            "held_report": report.id,
            "check_key": check,
            "check_option": answers[check].value_text,
            "published_full": published,
            "iso3": [p.iso3 for p in chosen[:3]],
        }
        data.dispose()
    return info


def accept(url: str, report_id: int) -> None:
    """Accept the report as the reviewer would (run in a subprocess, the server's env)."""
    from sqlalchemy import select

    from reporting.extensions import db
    from reporting.models import Report, User
    from reporting.reports import workflow

    app = data.app(url)
    with app.test_request_context("/"):
        report = db.session.get(Report, report_id)
        reviewer = db.session.scalars(select(User).where(User.email == REVIEWER)).one()
        workflow.accept(report, reviewer)
        db.session.commit()
        data.dispose()


def profile(url: str, paths_file: str, rounds: int) -> dict:
    """Where a warm page's time goes, in-process (no network, no gunicorn): whole requests
    through the test client, healthz and warm pages interleaved, then the parts of
    `cache.cached` one by one, and cProfile's heaviest functions over the warm requests.
    Run in a subprocess with the server's environment (same database, same cache)."""
    import cProfile
    import io
    import pstats

    from reporting.extensions import cache
    from reporting.public import cache as public_cache

    paths = json.loads(Path(paths_file).read_text())
    app = data.app(url)
    client = app.test_client()
    rng = random.Random(1)
    for path in paths:  # in the cache already, unless the code changed since the server began
        assert client.get(path).status_code == 200
    etags = {path: client.get(path).headers["ETag"] for path in paths}
    whole: dict[str, list[float]] = {
        "healthz": [],
        "warm page (200)": [],
        "warm page, If-None-Match (304)": [],
    }
    for _ in range(rounds):
        path = rng.choice(paths)
        for name, target, headers, status in (
            ("healthz", "/healthz", {}, 200),
            ("warm page (200)", path, {}, 200),
            ("warm page, If-None-Match (304)", path, {"If-None-Match": etags[path]}, 304),
        ):
            began = time.perf_counter()
            response = client.get(target, headers=headers)
            whole[name].append(time.perf_counter() - began)
            assert response.status_code == status, (target, response.status_code)
    parts: dict[str, list[float]] = {
        k: []
        for k in (
            "page_key (stamp kept)",
            "publication stamp query",
            "cache.get",
            "Response + ETag",
        )
    }
    sizes = []
    for _ in range(rounds):
        with app.test_request_context(rng.choice(paths)):
            app.preprocess_request()  # language from the URL, as in a request
            timed = time.perf_counter()
            etag = public_cache.page_key()
            parts["page_key (stamp kept)"].append(time.perf_counter() - timed)
            timed = time.perf_counter()
            public_cache._stamp_now()
            parts["publication stamp query"].append(time.perf_counter() - timed)
            timed = time.perf_counter()
            payload = cache.get(etag)
            parts["cache.get"].append(time.perf_counter() - timed)
            assert payload is not None, "page not in the cache"
            sizes.append(len(payload.body))
            timed = time.perf_counter()
            public_cache._response(payload, etag)
            parts["Response + ETag"].append(time.perf_counter() - timed)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(rounds):
        client.get(rng.choice(paths))
    profiler.disable()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(12)
    with app.app_context():
        data.dispose()
    ms = {
        k: {"median_ms": statistics.median(v) * 1000, "p95_ms": pct(v, 95)}
        for k, v in {**whole, **parts}.items()
    }
    return {
        "rounds": rounds,
        "timings": ms,
        "median_body_bytes": statistics.median(sizes),
        "stamp_seconds": app.config["ORT_PUBLIC_STAMP_SECONDS"],
        "cache": app.config["CACHE_TYPE"],
        "cprofile_tottime": text.getvalue(),
    }


# -- what an answer must be ------------------------------------------------------------------


def expect_200(reply: Reply, etag) -> None:
    """A page (with this ETag, unless None)."""
    assert reply.status == 200, reply.status
    if etag is not None:
        assert reply.headers.get("etag") == etag, (reply.headers.get("etag"), etag)


def expect_304(reply: Reply, etag) -> None:
    """Not modified: no body, the same ETag."""
    assert reply.status == 304 and not reply.body, (reply.status, len(reply.body))
    assert reply.headers.get("etag") == etag


def cacheable(reply: Reply) -> str:
    """What keeps a shared cache from storing the page, or "" (ETag, public, no cookie)."""
    problems = []
    if not reply.headers.get("etag"):
        problems.append("no ETag")
    if "public" not in reply.headers.get("cache-control", ""):
        problems.append(f"Cache-Control {reply.headers.get('cache-control')!r}")
    if "set-cookie" in reply.headers:
        problems.append("sets a cookie")
    return ", ".join(problems)


# -- weights --------------------------------------------------------------------------------


def login(base: str) -> requests.Session:
    s = requests.Session()
    token = TOKEN.search(s.get(f"{base}/login", timeout=60).text).group(1)
    r = s.post(
        f"{base}/login",
        data={"csrf_token": token, "email": REVIEWER, "password": PASSWORD},
        timeout=60,
    )
    if r.status_code != 200 or "/login" in r.url:
        raise SystemExit(f"secretariat login failed: {r.status_code} {r.url}")
    return s


def public_weights(base: str, info: dict, cold: dict) -> tuple[list, list]:
    """(weights, skipped paths) of every public page family."""
    anonymous = requests.Session()

    def get(path):
        return anonymous.get(base + path, timeout=120)

    assets: dict = {}
    rows, skipped = [], []
    paths = [f"/data/{lang}/" for lang in LANGUAGES]
    paths += [
        f"/data/{lang}/{page}"
        for lang in LANGUAGES
        for page in ("parties/", "performance", "open-data")
    ]
    for path in paths:
        row = weigh(get, path, assets)
        if row is None:
            skipped.append(path)
        else:
            rows.append(row)
    for lang in LANGUAGES:  # the template reports' Parties: every other report copies one
        party = [weigh(get, f"/data/{lang}/parties/{iso3}", assets) for iso3 in info["iso3"]]
        if None in party:
            skipped.append(f"/data/{lang}/parties/<ISO3>")
        else:
            rows.append(
                max(party, key=lambda r: r["total"])
                | {"note": f"heaviest of {len(party)} Party pages ({', '.join(info['iso3'])})"}
            )
    for lang in LANGUAGES:  # the heaviest question page of each language, and its embeds
        heaviest = max(
            (p for p in cold if p.startswith(f"/data/{lang}/")), key=lambda p: cold[p]["bytes"]
        )
        row = weigh(get, heaviest, assets)
        count = sum(p.startswith(f"/data/{lang}/") for p in cold)
        rows.append(row | {"note": f"heaviest of {count} {lang} question pages"})
        html = get(heaviest).text
        embeds = sorted(set(re.findall(r'href="(/data/[^"]+/embed[^"]*)"', html)))
        embed_rows = [weigh(get, e.replace("&amp;", "&"), assets) for e in embeds]
        if embed_rows:
            worst = max(embed_rows, key=lambda r: r["total"])
            rows.append(worst | {"note": f"heaviest of {len(embed_rows)} embeds of that page"})
    return rows, skipped


def secretariat_weights(base: str, info: dict) -> list:
    """The secretariat's analysis pages (signed in): the full cycle's overview and every
    page of its sections, and the heaviest of its question pages."""
    s = login(base)

    def get(path):
        return s.get(base + path, timeout=300)

    assets: dict = {}
    first = f"/secretariat/analysis/?cycle={FULL}"
    overview = weigh(get, first, assets)
    # Every section (and page of a long section) of the overview, by following its links.
    seen, todo, pages = {first}, [first], []
    while todo and len(seen) < 100:
        html = get(todo.pop()).text
        for link in re.findall(r'href="(/secretariat/analysis/\?[^"#]*)"', html):
            link = link.replace("&amp;", "&")
            query = parse_qs(urlsplit(link).query)
            if (
                query.get("cycle") == [FULL]
                and set(query) <= {"cycle", "section", "page"}
                and link not in seen
            ):
                seen.add(link)
                todo.append(link)
                pages.append(weigh(get, link, assets))
    sections = max(pages, key=lambda r: r["total"]) if pages else overview
    began = time.perf_counter()
    questions = [
        weigh(get, f"/secretariat/analysis/questions/{k}?cycle={FULL}", assets)
        for k in info["charted"]
    ]
    seconds = (time.perf_counter() - began) / len(questions)
    heaviest = max(questions, key=lambda r: r["total"])
    return [
        overview | {"note": "secretariat overview, full cycle"},
        sections
        | {"note": f"heaviest of the {len(seen)} pages of that overview (sections, pages)"},
        heaviest
        | {
            "note": f"heaviest of {len(questions)} secretariat question pages "
            f"({seconds * 1000:.0f} ms each, uncached)"
        },
    ]


# -- publication ----------------------------------------------------------------------------


def reporting_count(html: bytes) -> int:
    found = REPORTING.search(html.decode("utf-8"))
    assert found, "no 'Parties with a published report' count on the page"
    return int(re.sub(r"\D", "", found.group(1)))


def option_count(port: int, key: str, option: str) -> int:
    import csv
    import io

    reply = fetch(port, f"/data/en/questions/{key}/options.csv?cycle={FULL}")
    assert reply.status == 200, reply.status
    rows = list(csv.DictReader(io.StringIO(reply.body.decode("utf-8-sig"))))
    row = next(r for r in rows if r.get("option_code") == option and not r.get("region_code"))
    return int(row["parties"])


def publication(port: int, info: dict, stamp_seconds: float, accept_held: Callable) -> dict:
    """`accept_held()` publishes the held report; the page must then change (ETag, counts)
    within the stamp time, on every worker."""
    path = f"/data/en/questions/{info['check_key']}?cycle={FULL}"
    before = fetch(port, path)
    expect_200(before, None)
    old_etag = before.headers["etag"]
    old_count, old_option = (
        reporting_count(before.body),
        option_count(port, info["check_key"], info["check_option"]),
    )
    assert old_count == info["published_full"], (old_count, info["published_full"])
    accept_held()
    accepted = time.perf_counter()
    first = None
    while time.perf_counter() - accepted < stamp_seconds + 30:
        reply = fetch(port, path, {"If-None-Match": old_etag})
        if reply.status == 200:
            first = reply
            break
        assert reply.status == 304, reply.status
        time.sleep(0.05)
    assert first is not None, "the page never changed after the publication"
    seen_after = time.perf_counter() - accepted
    time.sleep(stamp_seconds + 0.5)  # every worker has re-read the publication state
    later = [fetch(port, path, {"If-None-Match": old_etag}) for _ in range(10)]
    assert all(r.status == 200 and r.headers["etag"] == first.headers["etag"] for r in later)
    new_count = reporting_count(first.body)
    new_option = option_count(port, info["check_key"], info["check_option"])
    assert first.headers["etag"] != old_etag
    assert new_count == old_count + 1, (old_count, new_count)
    assert new_option == old_option + 1, (old_option, new_option)
    return {
        "path": path,
        "old_etag": old_etag,
        "new_etag": first.headers["etag"],
        "reporting": [old_count, new_count],
        "option": [info["check_option"], old_option, new_option],
        "new_page_after_s": seen_after,
        "new_page_ms": first.seconds * 1000,
    }
