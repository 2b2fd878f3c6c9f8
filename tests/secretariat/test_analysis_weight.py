"""The analysis pages stay light whatever the number of Parties: every section of the
overview and the heaviest question page weigh < 150 KB with the CSS and JS they link.

The 2025 full cycle with reports of 40 Parties of the five regional groups: two made
through the workflow (tests/exports/factories.py), copied to the other Parties by bulk
insert (as bench/exports_memory.py does), so that the tests stay fast."""

import re
from html import unescape

import pytest
from markupsafe import escape
from sqlalchemy import insert, select

from reporting.analysis import build_plan
from reporting.charts import pages
from reporting.extensions import db
from reporting.models import (
    Answer,
    AnswerCell,
    Party,
    RegionalGroup,
    Report,
    ReportingCycle,
    ReportStatus,
)
from reporting.models.types import utcnow
from reporting.seed.synthetic import copy_rows
from tests.exports.factories import make_report
from tests.secretariat.factories import login

BUDGET = 150 * 1024  # bytes: the page and the stylesheets and scripts it links
PARTIES = 40
TEMPLATES = 2  # reports made through the workflow; the others are copies of them
ASSETS = re.compile(r'<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"|<script[^>]*src="([^"]+)"')
QUESTION_LINK = re.compile(r'href="/secretariat/analysis/questions/([^"?/]+)\?')


def _parties() -> list[Party]:
    """PARTIES Parties, taken in turn from each regional group."""
    by_group = {
        g: list(
            db.session.scalars(select(Party).where(Party.regional_group == g).order_by(Party.iso3))
        )
        for g in RegionalGroup
    }
    chosen = []
    while len(chosen) < PARTIES:
        for members in by_group.values():
            if members and len(chosen) < PARTIES:
                chosen.append(members.pop(0))
    return chosen


def _copy(answers: list[dict], party: Party, cycle: ReportingCycle, status: ReportStatus) -> None:
    report = Report(
        party=party,
        cycle=cycle,
        status=status,
        submitted_versions=1,
        submitted_at=utcnow(),
        language="en",
    )
    db.session.add(report)
    db.session.flush()
    db.session.execute(
        insert(Answer),
        [{k: v for k, v in a.items() if k != "cells"} | {"report_id": report.id} for a in answers],
    )
    ids = dict(
        db.session.execute(
            select(Answer.question_key, Answer.id).where(Answer.report_id == report.id)
        ).all()
    )
    cells = [{**cell, "answer_id": ids[a["question_key"]]} for a in answers for cell in a["cells"]]
    if cells:
        db.session.execute(insert(AnswerCell), cells)


@pytest.fixture
def many_parties(client, secretariat):
    """Submitted and accepted reports of PARTIES Parties in the 2025 full cycle (two made
    through the workflow, the others copies of them), and one report in the 2021 full
    cycle, so that question pages draw their change across cycles."""
    parties = _parties()
    earlier, cycle = (
        db.session.scalars(select(ReportingCycle).where(ReportingCycle.code == code)).one()
        for code in ("2021-full", "2025-full")
    )
    make_report(parties[0].iso3, earlier, "accepted", seed=3, reviewer=secretariat)
    sources = [
        copy_rows(make_report(p.iso3, cycle, "accepted", seed=i + 1, reviewer=secretariat).id)
        for i, p in enumerate(parties[:TEMPLATES])
    ]
    for i, p in enumerate(parties[TEMPLATES:]):
        status = ReportStatus.accepted if i % 2 else ReportStatus.submitted
        _copy(sources[i % TEMPLATES], p, cycle, status)
    db.session.flush()
    login(client, secretariat)
    return cycle.code


def weigh(client, url: str, assets: dict[str, int]) -> tuple[int, str]:
    """Bytes of the page at `url` plus those of the stylesheets and scripts it links
    (`assets` remembers the size of each one already fetched), and the page."""
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.get_data(as_text=True)
    total = len(response.get_data())
    for found in ASSETS.findall(html):
        asset = unescape(next(a for a in found if a))
        if asset not in assets:
            served = client.get(asset)
            assert served.status_code == 200, asset
            assets[asset] = len(served.get_data())
            served.close()
        total += assets[asset]
    return total, html


def _links(html: str, label: str) -> list[str]:
    nav = html[html.index(f'aria-label="{label}"') :]
    nav = nav[: nav.index("</nav>")]
    return [unescape(u) for u in re.findall(r'href="([^"]+)"', nav)]


def test_every_section_of_the_overview_weighs_less_than_150_kb_and_lists_its_questions(
    client, many_parties
):
    cycle, assets = many_parties, {}
    sections = pages.sections(pages.selection(cycle))
    assert len(sections) > 10
    size, first = weigh(client, f"/secretariat/analysis/?cycle={cycle}", assets)
    assert size < BUDGET
    assert "<svg" not in first  # the charts are a link away, on the question pages
    urls = _links(first, "Sections")
    assert len(urls) == len(sections)  # every section is reachable from the overview
    for section, url in zip(sections, urls):
        assert url == f"/secretariat/analysis/?cycle={cycle}&section={section.key}"
        size, html = weigh(client, url, assets)
        assert size < BUDGET, url
        assert f'<h2 id="sec-title">{escape(section.title)}</h2>' in html
        assert QUESTION_LINK.findall(html) == list(section.keys[: pages.PAGE_SIZE])
    assert assets and all(assets.values())
    html = client.get(f"/secretariat/analysis/?cycle={cycle}&section=art5").get_data(as_text=True)
    row = html[html.index('id="aq-art5.facilities.list"') :]
    row = row[: row.index("</tr>")]
    assert "Parties reporting a number: " in row and "/numbers-" in row  # per quantity column
    assert int(re.findall(r'<td class="num">(\d+)</td>', row)[0]) > PARTIES // 4


#: Yes/no questions have the fewest answers (a few options and states): the lightest pages.
HEAVY_KINDS = ("multiple_choice", "single_choice", "table", "integer", "decimal")


def test_the_heaviest_question_page_weighs_less_than_150_kb(client, many_parties):
    cycle, assets = many_parties, {}
    plan = build_plan(pages.selection(cycle))
    keys = [
        k
        for s in pages.sections(pages.selection(cycle))
        for k in s.keys
        if plan.questions[k].kind in HEAVY_KINDS
    ]
    assert {"art7.significant.estimates", "art4.part1.exemptions"} <= set(keys)
    sizes = {
        key: weigh(client, f"/secretariat/analysis/questions/{key}?cycle={cycle}", assets)[0]
        for key in keys
    }
    heaviest = max(sizes, key=sizes.get)
    assert sizes[heaviest] < BUDGET, heaviest
    # a table of quantities: a chart per column in the cycle and across the two cycles
    table = client.get(f"/secretariat/analysis/questions/art7.significant.estimates?cycle={cycle}")
    assert table.get_data(as_text=True).count("<svg") > 4


def test_a_long_section_is_paged_and_the_way_back_finds_the_question(
    client, secretariat, monkeypatch
):
    login(client, secretariat)
    cycle = "2025-full"
    monkeypatch.setattr(pages, "PAGE_SIZE", 5)
    art3 = next(s for s in pages.sections(pages.selection(cycle)) if s.key == "art3")
    assert art3.pages > 2
    last = client.get(
        f"/secretariat/analysis/?cycle={cycle}&section=art3&page={art3.pages}"
    ).get_data(as_text=True)
    assert QUESTION_LINK.findall(last) == list(art3.keys[(art3.pages - 1) * 5 :])
    assert _links(last, "Pages") == [
        f"/secretariat/analysis/?cycle={cycle}&section=art3" + (f"&page={n}" if n > 1 else "")
        for n in range(1, art3.pages + 1)
    ]
    key = art3.keys[-1]
    question = client.get(
        f"/secretariat/analysis/questions/{key}?cycle={cycle}&region=africa"
    ).get_data(as_text=True)
    assert (
        f"/secretariat/analysis/?cycle={cycle}&amp;region=africa&amp;section=art3"
        f"&amp;page={art3.pages}#aq-{key}"
    ) in question
    # the filters stay in the links to the other sections and pages
    filtered = client.get(
        f"/secretariat/analysis/?cycle={cycle}&region=africa&status=accepted&section=art3"
    ).get_data(as_text=True)
    assert all(
        "region=africa&status=accepted&section=" in url
        for url in _links(filtered, "Sections") + _links(filtered, "Pages")
    )
    assert '<input type="hidden" name="section" value="art3">' in filtered
    # out of range or malformed: the nearest page, never an error
    for page in ("999", "0", "x", "%C2%B2"):
        assert (
            client.get(f"/secretariat/analysis/?cycle={cycle}&section=art3&page={page}").status_code
            == 200
        )
    # an unknown section: the first one
    assert '<h2 id="sec-title">Article 3' in client.get(
        f"/secretariat/analysis/?cycle={cycle}&section=nope"
    ).get_data(as_text=True)
