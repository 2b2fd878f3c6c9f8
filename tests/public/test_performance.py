"""The public reporting-performance page: the published audience's `reporting_performance`
and `submission_timeline`, shown as charts and tables with the CSV of each, in every
language; drafts never appear as such."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

import pytest
from babel.numbers import format_percent

from reporting.analysis import ExportFilters, reporting_performance, submission_timeline
from reporting.api.clients import create_client

from .conftest import get

FULL, SHORT = "2025-full", "2023-short"
CYCLES = ["2019-short", "2021-full", SHORT, FULL, "2027-short"]


def _csv(client, name, query="") -> list[dict]:
    response = get(client, f"/data/en/performance/{name}.csv?{query}")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="ort-performance-'
    )
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8"))))


class _Tables(HTMLParser):
    """The cells' text of every <table> of a page, row by row."""

    def __init__(self):
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _tables(client, url) -> list[list[list[str]]]:
    parser = _Tables()
    parser.feed(get(client, url).get_data(as_text=True))
    return parser.tables


def _published(**filters):
    return ExportFilters(audience="published", cycles=CYCLES, **filters)


def _shown(value: str, kind: str) -> str:
    """A CSV value as the page's table writes it (English)."""
    if value == "":
        return "—"
    if kind == "share":
        return format_percent(float(value), "#,##0.#%", locale="en")
    return value


def test_the_page_answers_in_english_and_in_arabic(client, world):
    english = get(client, "/data/en/performance").get_data(as_text=True)
    assert 'lang="en"' in english and 'dir="ltr"' in english
    for heading in (
        "Submissions around the due date, by cycle",
        "by regional group",
        "Reporting performance by cycle and regional group",
    ):
        assert heading in english
    assert english.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 2
    assert english.count('class="table-scroll" tabindex="0" role="region" aria-labelledby=') == 3
    arabic = get(client, f"/data/ar/performance?cycle={SHORT}").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in arabic
    assert 'href="/data/ar/performance/regions.csv?cycle=2023-short"' in arabic


def test_the_table_is_reporting_performance_for_the_published_audience(client, world):
    expected = {
        (r["cycle_code"], r["region"] or ""): r for r in reporting_performance(_published())
    }
    rows = _csv(client, "table")
    assert [(r["cycle"], r["region_code"]) for r in rows] == list(expected)
    for row in rows:
        aggregate = expected[(row["cycle"], row["region_code"])]
        for column in ("parties", "submitted", "on_time", "published"):
            assert int(row[column]) == aggregate[column], (row, column)
        for column in ("submission_rate", "on_time_share"):
            value = aggregate[column]
            assert row[column] == ("" if value is None else str(value))
    overall = next(r for r in rows if r["cycle"] == FULL and r["region_code"] == "")
    # JOR's draft is not submitted; KEN (embargoed), FRA and DEU are not published.
    assert (overall["submitted"], overall["published"]) == ("6", "3")


def test_the_timeline_is_submission_timeline_for_the_published_audience(client, world):
    expected = {
        r["cycle_code"]: r for r in submission_timeline(_published()) if r["region"] is None
    }
    rows = _csv(client, "timeline")
    assert [r["cycle"] for r in rows] == CYCLES
    for row in rows:
        aggregate = expected[row["cycle"]]
        assert (row["due_date"], int(row["parties"])) == (
            aggregate["due_date"],
            aggregate["parties"],
        )
        shares = [v for k, v in row.items() if k.startswith("share_")]
        assert shares == [
            "" if p["share"] is None else str(p["share"]) for p in aggregate["checkpoints"]
        ]
    assert float(rows[CYCLES.index(FULL)]["share_now"]) == pytest.approx(
        6 / expected[FULL]["parties"]
    )


def test_the_regional_bars_are_the_chosen_cycle(client, world):
    expected = [r for r in reporting_performance(_published()) if r["cycle_code"] == SHORT]
    rows = _csv(client, "regions", f"cycle={SHORT}")
    assert [r["region_code"] for r in rows] == [r["region"] or "" for r in expected]
    for row, aggregate in zip(rows, expected):
        assert int(row["on_time"]) == aggregate["on_time"]
        assert int(row["late"]) == aggregate["submitted"] - aggregate["on_time"]
        assert int(row["not_submitted"]) == aggregate["parties"] - aggregate["submitted"]
    assert (rows[0]["late"], rows[0]["on_time"]) == ("2", "0")  # MEX and IND, submitted now


def test_the_tables_shown_are_the_csv_files(client, world):
    tables = _tables(client, f"/data/en/performance?cycle={FULL}")
    assert len(tables) == 3
    kinds = {
        "timeline": ["text", "date", "count"] + ["share"] * 8,
        "regions": ["text", "count", "count", "count", "count"],
        "table": ["text", "text", "count", "count", "share", "count", "share", "count"],
    }
    for table, name in zip(tables, ("timeline", "regions", "table")):
        header, *body = table
        rows = _csv(client, name, f"cycle={FULL}")
        assert len(body) == len(rows)
        for cells, row in zip(body, rows):
            values = [v for k, v in row.items() if k != "region_code"]
            if name == "timeline":
                assert cells[1]  # the due date, written for people
                cells, values = cells[:1] + cells[2:], values[:1] + values[2:]
                kind = kinds[name][:1] + kinds[name][2:]
            else:
                kind = kinds[name]
            assert cells == [_shown(v, k) for v, k in zip(values, kind)], name


def test_the_region_filter(client, world):
    rows = _csv(client, "table", "region=africa")
    assert {r["region_code"] for r in rows} == {"africa"}
    expected = {
        r["cycle_code"]: r
        for r in reporting_performance(_published(regions=["africa"]))
        if r["region"] == "africa"
    }
    assert {r["cycle"]: int(r["submitted"]) for r in rows} == {
        c: r["submitted"] for c, r in expected.items()
    }
    timeline = {r["cycle"]: r for r in _csv(client, "timeline", "region=africa")}
    africa = {
        r["cycle_code"]: r
        for r in submission_timeline(_published(regions=["africa"]))
        if r["region"] == "africa"
    }
    assert float(timeline[FULL]["share_now"]) == pytest.approx(
        africa[FULL]["checkpoints"][-1]["share"]
    )
    assert [r["region_code"] for r in _csv(client, "regions", f"cycle={FULL}&region=africa")] == [
        "africa"
    ]


def test_a_draft_is_never_shown_as_a_status(client, world):
    for url in (
        "/data/en/performance",
        f"/data/en/performance?cycle={FULL}",
        *(
            f"/data/en/performance/{name}.csv?cycle={FULL}"
            for name in ("timeline", "regions", "table")
        ),
    ):
        assert "draft" not in get(client, url).get_data(as_text=True).lower(), url
    # JOR's draft counts as not submitted: the Asia-Pacific group shows CHN's report only.
    asia = next(
        r for r in _csv(client, "regions", f"cycle={FULL}") if r["region_code"] == "asia_pacific"
    )
    assert (asia["late"], asia["on_time"]) == ("1", "0")
    assert "draft" not in reporting_performance(_published())[0]["by_status"]


def test_the_api_timeline_is_the_function(client, world):
    token = create_client("Dashboard partner", "read:published")[1]
    headers = {"Authorization": f"Bearer {token}"}
    api = client.get(
        f"/api/v1/aggregates/timeline?cycle={FULL}&cycle={SHORT}&page_size=100", headers=headers
    )
    assert api.status_code == 200, api.data
    assert api.get_json() == submission_timeline(
        ExportFilters(audience="published", cycles=[SHORT, FULL])
    )
    performance = client.get(
        f"/api/v1/aggregates/performance?cycle={FULL}", headers=headers
    ).get_json()
    overall = next(r for r in performance if r["region"] is None)
    assert overall["published"] == 3 and "draft" not in overall["by_status"]


def test_unknown_cycles_regions_and_figures_are_404(client, world):
    assert client.get("/data/en/performance?cycle=1999-none").status_code == 404
    assert client.get("/data/en/performance?region=atlantis").status_code == 404
    assert client.get("/data/en/performance/nothing.csv").status_code == 404
    assert client.get("/data/xx/performance").status_code == 404
