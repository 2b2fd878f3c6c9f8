"""Reporting-performance figures: chart, table and CSV rows from the same aggregate rows."""

import xml.etree.ElementTree as ET

from reporting.charts import performance

NS = {"svg": "http://www.w3.org/2000/svg"}
KEYS = ("-90", "-30", "0", "+30", "+90", "+180", "+365", "now")
DAYS = (-90, -30, 0, 30, 90, 180, 365, None)


def _timeline(cycle, region, parties, counts):
    return {
        "cycle_code": cycle,
        "cycle_year": int(cycle[:4]),
        "due_date": f"{cycle[:4]}-12-31",
        "region": region,
        "parties": parties,
        "submitted": counts[-1],
        "checkpoints": [
            {
                "key": k,
                "days": d,
                "reached": n is not None,
                "submitted": n,
                "share": None if n is None else n / parties,
            }
            for k, d, n in zip(KEYS, DAYS, counts)
        ],
    }


def _performance(cycle, region, parties, submitted, on_time, published=0):
    return {
        "cycle_code": cycle,
        "region": region,
        "parties": parties,
        "submitted": submitted,
        "submission_rate": submitted / parties,
        "on_time": on_time,
        "on_time_share": on_time / submitted if submitted else None,
        "published": published,
    }


def test_timeline_has_a_line_per_cycle_and_gaps_where_a_checkpoint_is_to_come(request_ctx):
    rows = [
        _timeline("2023-short", None, 10, [0, 1, 4, 5, 6, 7, 8, 8]),
        _timeline("2023-short", "africa", 4, [0, 0, 1, 1, 2, 2, 3, 3]),
        _timeline("2025-full", None, 10, [1, 2, 3, 3, None, None, None, 4]),
    ]
    figure = performance.timeline_figure(rows)
    assert figure.columns[:3] == ("cycle", "due_date", "parties")
    assert figure.columns[3:] == (
        "share_90_before",
        "share_30_before",
        "share_due",
        "share_30_after",
        "share_90_after",
        "share_180_after",
        "share_365_after",
        "share_now",
    )
    assert [r[0] for r in figure.rows] == ["2023-short", "2025-full"]
    assert figure.rows[1][3:] == (0.1, 0.2, 0.3, 0.3, None, None, None, 0.4)
    svg = ET.fromstring(str(figure.svg))
    series = svg.findall(".//svg:g[@class='series']", NS)
    assert len(series) == 2
    assert len(series[1].findall("svg:circle", NS)) == 5  # four checkpoints and now
    assert len(series[1].findall("svg:polyline", NS)) == 1  # now stands alone after the gap
    ticks = [t.text for t in svg.findall(".//svg:g[@class='ticks']/svg:text", NS)][3:]
    assert ticks == ["-90", "-30", "0", "+30", "+90", "+180", "+365", "Now"]
    africa = performance.timeline_figure(rows, region="africa")
    assert africa.rows[0][2:4] == (4, 0.0) and africa.rows[0][5] == 0.25


def test_regions_bars_split_every_party_of_the_group(request_ctx):
    rows = [
        _performance("2025-full", None, 10, 6, 2),
        _performance("2025-full", "africa", 4, 3, 1),
        _performance("2025-full", "asia_pacific", 6, 3, 1),
    ]
    figure = performance.regions_figure(rows)
    assert figure.columns == (
        "region_code",
        "region",
        "parties",
        "on_time",
        "late",
        "not_submitted",
    )
    assert figure.rows == (
        ("", "All Parties", 10, 2, 4, 4),
        ("africa", "African States", 4, 1, 2, 1),
        ("asia_pacific", "Asia-Pacific States", 6, 1, 2, 3),
    )
    assert all(sum(r[3:]) == r[2] for r in figure.rows)
    svg = ET.fromstring(str(figure.svg))
    assert svg.get("direction") == "ltr"
    legend = [
        t.find("svg:title", NS).text for t in svg.findall(".//svg:g[@class='legend']/svg:text", NS)
    ]
    assert legend == ["Submitted on time", "Submitted late", "Not submitted"]
    chosen = performance.regions_figure(rows[:2])  # ?region=africa: its overall row is Africa
    assert [r[0] for r in chosen.rows] == ["africa"]


def test_one_group_selected_shows_its_rows_only(request_ctx):
    rows = [
        _performance("2023-short", None, 4, 1, 1),
        _performance("2023-short", "africa", 4, 1, 1),
        _performance("2025-full", None, 4, 2, 0, 1),
        _performance("2025-full", "africa", 4, 2, 0, 1),
    ]
    figure = performance.performance_table(rows)
    assert not figure.svg
    assert figure.rows == (
        ("2023-short", "africa", "African States", 4, 1, 0.25, 1, 1.0, 0),
        ("2025-full", "africa", "African States", 4, 2, 0.5, 0, 0.0, 1),
    )


def test_checkpoint_labels(request_ctx):
    assert [performance.checkpoint_label(d) for d in (-30, 0, 90, None)] == [
        "30 days before the due date",
        "By the due date",
        "90 days after the due date",
        "Now",
    ]
