"""SVG charts: valid XML, named and described for assistive technology, marks that add up."""

import xml.etree.ElementTree as ET

import pytest

from reporting.charts import svg as charts

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(svg):
    return ET.fromstring(str(svg))


def assert_accessible(root, chart_id, title, desc):
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{chart_id}-title {chart_id}-desc"
    assert root.find("svg:title", NS).text == title
    assert root.find("svg:title", NS).get("id") == f"{chart_id}-title"
    assert root.find("svg:desc", NS).text == desc
    # title and desc come first, as SVG accessibility expects
    assert [child.tag.split("}")[1] for child in root][:2] == ["title", "desc"]


def test_pie_chart_is_valid_svg_with_one_slice_per_nonzero_option():
    svg = charts.pie_chart(
        [("Yes", 30), ("No", 10), ("Not applicable", 0)],
        chart_id="q1-pie",
        title="Primary mining",
        desc="Share of Parties",
    )
    root = parse(svg)
    assert_accessible(root, "q1-pie", "Primary mining", "Share of Parties")
    slices = root.findall(".//svg:g[@class='slices']/svg:path", NS)
    assert len(slices) == 2
    tips = [s.find("svg:title", NS).text for s in slices]
    assert tips == ["Yes: 75% (30)", "No: 25% (10)"]
    # the big slice takes the large arc, the small one does not
    assert " 0 1 1 " in slices[0].get("d") and " 0 0 1 " in slices[1].get("d")
    legend = [
        t.find("svg:title", NS).text for t in root.findall(".//svg:g[@class='legend']/svg:text", NS)
    ]
    assert legend == ["Yes (75%)", "No (25%)", "Not applicable (0%)"]


def test_pie_chart_of_a_single_answer_is_a_full_circle():
    root = parse(charts.pie_chart([("Yes", 5), ("No", 0)], chart_id="c", title="t", desc="d"))
    assert len(root.findall(".//svg:g[@class='slices']/svg:circle", NS)) == 1
    assert not root.findall(".//svg:g[@class='slices']/svg:path", NS)


def test_chart_without_data_says_so_and_stays_accessible():
    for svg in (
        charts.pie_chart([("Yes", 0)], chart_id="e", title="t", desc="d", empty="Nothing"),
        charts.bar_chart([], chart_id="e", title="t", desc="d", empty="Nothing"),
        charts.stacked_bar_chart(
            ["Africa"], [("Yes", [0])], chart_id="e", title="t", desc="d", empty="Nothing"
        ),
        charts.line_chart(
            ["2023"], [("Yes", [None])], chart_id="e", title="t", desc="d", empty="Nothing"
        ),
    ):
        root = parse(svg)
        assert_accessible(root, "e", "t", "d")
        assert root.find("svg:text", NS).text == "Nothing"


def test_labels_are_escaped_and_long_labels_shortened_with_the_full_text_kept():
    label = "Mercury <Hg> & compounds " + "x" * 200
    root = parse(charts.bar_chart([(label, 0.5)], chart_id="b", title="A & B", desc="<d>"))
    assert root.find("svg:title", NS).text == "A & B"
    assert root.find("svg:desc", NS).text == "<d>"
    shown = root.find(".//svg:g[@class='bars']/svg:text", NS).text
    assert shown.endswith("…") and len(shown) < len(label)
    assert root.find(".//svg:rect/svg:title", NS).text == f"{label}: 50%"


def test_bar_lengths_are_proportional_to_values():
    root = parse(
        charts.bar_chart([("a", 0.2), ("b", 0.8)], chart_id="b", title="t", desc="d", maximum=1)
    )
    widths = [float(r.get("width")) for r in root.findall(".//svg:g[@class='bars']/svg:rect", NS)]
    assert widths[1] == pytest.approx(4 * widths[0])


def test_stacked_bars_fill_each_category_in_proportion():
    svg = charts.stacked_bar_chart(
        ["Africa", "Asia-Pacific"],
        [("Yes", [3, 1]), ("No", [1, 0])],
        chart_id="s",
        title="By region",
        desc="Answers per regional group",
    )
    root = parse(svg)
    assert_accessible(root, "s", "By region", "Answers per regional group")
    rects = root.findall(".//svg:g[@class='stacks']/svg:rect", NS)
    tips = [r.find("svg:title", NS).text for r in rects]
    assert tips == ["Africa, Yes: 75% (3)", "Africa, No: 25% (1)", "Asia-Pacific, Yes: 100% (1)"]
    africa = [float(r.get("width")) for r in rects[:2]]
    assert sum(africa) == pytest.approx(float(rects[2].get("width")))  # both rows are 100 %


def test_line_chart_breaks_at_missing_cycles():
    root = parse(
        charts.line_chart(
            ["2019", "2021", "2023", "2025"],
            [("Yes", [0.5, None, 0.6, 0.7]), ("No", [0.5, 0.5, 0.4, 0.3])],
            chart_id="l",
            title="Across cycles",
            desc="d",
            maximum=1,
        )
    )
    series = root.findall(".//svg:g[@class='series']", NS)
    assert len(series) == 2
    assert len(series[0].findall("svg:circle", NS)) == 3
    assert len(series[0].findall("svg:polyline", NS)) == 1  # 2023-2025; 2019 stands alone
    assert len(series[1].findall("svg:polyline", NS)) == 1
    assert len(series[1].find("svg:polyline", NS).get("points").split()) == 4
    assert series[0].find("svg:circle/svg:title", NS).text == "Yes, 2019: 50%"


def test_custom_number_format_is_used_for_labels():
    root = parse(
        charts.bar_chart(
            [("Exports", 12.5)], chart_id="n", title="t", desc="d", fmt=lambda v: f"{v:g} t"
        )
    )
    assert root.find(".//svg:rect/svg:title", NS).text == "Exports: 12.5 t"
