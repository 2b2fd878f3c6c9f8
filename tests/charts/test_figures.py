"""Figures: the chart, the table and the CSV rows come from the same aggregate rows."""

import xml.etree.ElementTree as ET

import pytest

from reporting.analysis import ExportFilters, build_plan
from reporting.charts import figures

NS = {"svg": "http://www.w3.org/2000/svg"}


@pytest.fixture
def plan(app, db):
    return build_plan(ExportFilters(cycles=["2023-short"]))


def _row(region, asked, yes, no, not_available=0, withheld=0, cycle="2023-short"):
    answered = yes + no + not_available
    return {
        "question_key": "art3.exports",
        "cycle_code": cycle,
        "region": region,
        "asked": asked,
        "answered": answered,
        "withheld": withheld,
        "non_response": asked - answered - withheld,
        "reporting": asked,
        "options": [
            {"code": "yes", "label": "Yes", "is_state": False, "count": yes, "share": yes / asked},
            {"code": "no", "label": "No", "is_state": False, "count": no, "share": no / asked},
        ],
    }


def test_option_figure_pie_counts_every_party_asked(plan):
    info = plan.questions["art3.exports"]
    figure = figures.option_figure(info, _row(None, asked=10, yes=5, no=2, withheld=1))
    assert figure.columns == ("option_code", "option", "parties", "share")
    assert [(r[0], r[2]) for r in figure.rows] == [
        ("yes", 5),
        ("no", 2),
        ("withheld", 1),
        ("no_answer", 2),
    ]
    assert sum(r[2] for r in figure.rows) == 10
    assert figure.rows[0][3] == pytest.approx(0.5)
    svg = ET.fromstring(str(figure.svg))
    assert svg.find("svg:title", NS).text == figure.title and "10 Parties" in figure.desc
    assert len(svg.findall(".//svg:g[@class='slices']/svg:path", NS)) == 4


def test_multiple_choice_is_a_bar_of_shares_not_a_pie(plan):
    info = next(q for q in plan.questions.values() if q.kind == "multiple_choice")
    row = {
        "question_key": info.key,
        "cycle_code": "2023-short",
        "region": None,
        "asked": 4,
        "answered": 3,
        "withheld": 0,
        "non_response": 1,
        "reporting": 4,
        "options": [
            {"code": c, "label": label, "is_state": False, "count": 3, "share": 0.75}
            for c, label in info.choices
        ],
    }
    figure = figures.option_figure(info, row)
    svg = ET.fromstring(str(figure.svg))
    assert svg.find(".//svg:g[@class='bars']", NS) is not None
    assert "may choose several" in figure.desc


def test_regional_figure_has_a_bar_and_a_table_row_per_group(plan):
    info = plan.questions["art3.exports"]
    rows = [_row(None, 5, 3, 1), _row("africa", 3, 2, 1), _row("asia_pacific", 2, 1, 0)]
    figure = figures.regional_figure(info, rows)
    assert figure.columns == (
        "region_code",
        "region",
        "asked",
        "yes",
        "no",
        "withheld",
        "no_answer",
    )
    assert figure.rows == (
        ("africa", "African States", 3, 2, 1, 0, 0),
        ("asia_pacific", "Asia-Pacific States", 2, 1, 0, 0, 1),
    )
    svg = ET.fromstring(str(figure.svg))
    texts = [t.text for t in svg.findall(".//svg:g[@class='stacks']/svg:text", NS)]
    assert texts == ["Africa", "Asia-Pacific"]
    legend = [
        t.find("svg:title", NS).text for t in svg.findall(".//svg:g[@class='legend']/svg:text", NS)
    ]
    assert legend == ["Yes", "No", "No answer"]  # nobody withheld: not in the legend


def test_cycles_figure_follows_the_time_series(plan):
    info = plan.questions["art3.exports"]
    series = {
        "question_key": "art3.exports",
        "points": [
            {"cycle_code": c, "asked": 4, "options": _row(None, 4, yes, 4 - yes)["options"]}
            for c, yes in (("2019-short", 1), ("2023-short", 3))
        ],
    }
    series["points"].append(
        {"cycle_code": "2027-short", "asked": 0, "options": _row(None, 1, 0, 0)["options"]}
    )  # no reports yet
    figure = figures.cycles_figure(info, series)
    assert figure.columns == ("cycle", "asked", "yes", "no")
    assert figure.rows == (("2019-short", 4, 0.25, 0.75), ("2023-short", 4, 0.75, 0.25))
    svg = ET.fromstring(str(figure.svg))
    assert len(svg.findall(".//svg:g[@class='series']", NS)) == 2
    empty = figures.cycles_figure(info, None)
    assert empty.rows == () and "has reports yet" in str(empty.svg)


def test_numbers_figure_sums_per_region_with_the_unit(plan):
    info = next(q for q in plan.questions.values() if q.kind == "decimal" and q.unit)
    rows = [
        {
            "question_key": info.key,
            "column_key": None,
            "cycle_code": "2023-short",
            "region": r,
            "unit": info.unit,
            "parties": n,
            "sum": s,
            "median": s / 2 if n else None,
            "min": 0.0 if n else None,
            "max": s if n else None,
        }
        for r, n, s in ((None, 3, 12.5), ("africa", 2, 10.0), ("asia_pacific", 1, 2.5))
    ]
    figure = figures.numbers_figure(info, rows)
    assert figure.rows[0][:4] == ("", "All Parties", 3, 12.5)
    assert figure.rows[1][-1] == info.unit
    svg = ET.fromstring(str(figure.svg))
    tips = [t.text for t in svg.findall(".//svg:rect/svg:title", NS)]
    assert tips == [f"Africa: 10 {info.unit}", f"Asia-Pacific: 2.5 {info.unit}"]


def test_dom_ids_are_safe():
    assert (
        figures.dom_id("art3.exports", "2023-short", "options")
        == "fig-art3-exports-2023-short-options"
    )
