"""Analysis pages: charts per question drawn from `reporting.analysis`, each with its data
table and a CSV of the numbers behind it; filters by cycle, region and status."""

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest

from reporting.analysis import ExportFilters, option_counts
from reporting.extensions import db
from reporting.models import Role
from reporting.reports import workflow
from tests.conftest import make_user
from tests.secretariat.factories import login, party, submitted_report

NS = {"svg": "http://www.w3.org/2000/svg"}


@pytest.fixture
def cycle(short_cycle, secretariat, client):
    for seed, iso3 in enumerate(["MEX", "KEN", "FRA", "JOR"], start=1):
        user = make_user(
            f"fp.{iso3.lower()}@example.org",
            Role.focal_point,
            party(iso3),
            name=f"Focal point {iso3}",
        )
        report = submitted_report(party(iso3), short_cycle, user, seed=seed)
        if iso3 in ("MEX", "KEN"):
            workflow.accept(report, secretariat)
    login(client, secretariat)
    return short_cycle


def svgs(page):
    return [ET.fromstring(s) for s in re.findall(r"<svg.*?</svg>", page, flags=re.S)]


def row_of(page, key):
    """The overview's table row of question `key`."""
    row = page[page.index(f'id="aq-{key}"') :]
    return row[: row.index("</tr>")]


def test_overview_sums_up_a_choice_question_in_a_row_with_its_csv(client, cycle):
    page = client.get("/secretariat/analysis/?cycle=2023-short").get_data(as_text=True)
    assert "<svg" not in page  # the charts are on the question pages
    row = row_of(page, "art3.exports")
    overall = next(
        r
        for r in option_counts(ExportFilters(cycles=["2023-short"], questions=["art3.exports"]))
        if r["region"] is None
    )
    yes = next(o for o in overall["options"] if o["code"] == "yes")
    assert f"Yes: {yes['count'] / 4:.0%} ({yes['count']})" in row
    assert '/secretariat/analysis/questions/art3.exports?cycle=2023-short"' in row
    assert "/secretariat/analysis/questions/art3.exports/options.csv?cycle=2023-short" in row


def test_question_page_shows_a_pie_and_a_regional_bar_per_choice_question(client, cycle):
    page = client.get("/secretariat/analysis/questions/art3.exports?cycle=2023-short").get_data(
        as_text=True
    )
    charts = svgs(page)
    assert len(charts) == 3  # share per option, regional stacked bar, across cycles
    for svg in charts:
        assert svg.get("role") == "img"
        assert svg.find("svg:title", NS).text and svg.find("svg:desc", NS).text
    assert "Pie chart" in page and "Stacked bars" in page
    assert page.count("<details") == 3  # every chart has its data table
    assert "/secretariat/analysis/questions/art3.exports/options.csv?cycle=2023-short" in page


def test_numbers_in_the_table_are_those_of_the_aggregates(client, cycle):
    rows = option_counts(ExportFilters(cycles=["2023-short"], questions=["art3.exports"]))
    overall = next(r for r in rows if r["region"] is None)
    response = client.get(
        "/secretariat/analysis/questions/art3.exports/options.csv?cycle=2023-short"
    )
    assert response.status_code == 200 and response.mimetype == "text/csv"
    table = list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8"))))
    by_code = {r["option_code"]: r for r in table}
    for option in overall["options"]:
        assert int(by_code[option["code"]]["parties"]) == option["count"]
    assert int(by_code["no_answer"]["parties"]) == overall["non_response"]
    assert sum(int(r["parties"]) for r in table) == overall["asked"] == 4
    yes = by_code["yes"]
    assert float(yes["share"]) == pytest.approx(int(yes["parties"]) / 4)


def test_regional_csv_has_one_row_per_group_and_answer(client, cycle):
    text = (
        client.get("/secretariat/analysis/questions/art3.exports/regions.csv?cycle=2023-short")
        .get_data()
        .decode()
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["region_code"] for r in rows} == {
        "africa",
        "asia_pacific",
        "eastern_europe",
        "latin_america_caribbean",
        "western_europe_others",
    }
    africa = next(r for r in rows if r["region_code"] == "africa")
    answers = ("yes", "no", "withheld", "no_answer")
    assert sum(int(africa[c]) for c in answers) == int(africa["asked"]) == 1  # Kenya
    assert sum(int(r["asked"]) for r in rows) == 4


def test_question_page_has_shares_regions_and_change_across_cycles(client, cycle):
    page = client.get("/secretariat/analysis/questions/art3.exports?cycle=2023-short").get_data(
        as_text=True
    )
    assert "Did your country allow any export of mercury" in page
    titles = [svg.find("svg:title", NS).text for svg in svgs(page)]
    assert any("by regional group" in t for t in titles)
    assert any("across cycles" in t for t in titles)
    assert page.count("<table") >= 3  # every chart has its table
    assert "cycles.csv" in page


def test_cross_cycle_csv_has_every_cycle_with_reports_that_asked_the_question(
    client, cycle, secretariat
):
    from reporting.models import ReportingCycle

    earlier = db.session.scalars(
        db.select(ReportingCycle).where(ReportingCycle.code == "2019-short")
    ).one()
    user = make_user("fp.bra@example.org", Role.focal_point, party("BRA"), name="Focal point BRA")
    submitted_report(party("BRA"), earlier, user, seed=9)
    text = (
        client.get("/secretariat/analysis/questions/art3.exports/cycles.csv?cycle=2023-short")
        .get_data()
        .decode()
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["cycle"], r["asked"]) for r in rows] == [("2019-short", "1"), ("2023-short", "4")]
    later = option_counts(ExportFilters(cycles=["2023-short"], questions=["art3.exports"]))
    yes = next(o for o in later[0]["options"] if o["code"] == "yes")
    assert float(rows[1]["yes"]) == pytest.approx(yes["count"] / 4)
    page = client.get("/secretariat/analysis/questions/art3.exports?cycle=2023-short").get_data(
        as_text=True
    )
    across = next(svg for svg in svgs(page) if "across cycles" in svg.find("svg:title", NS).text)
    assert len(across.findall(".//svg:polyline", NS)) >= 2  # a line per answer over 2 cycles


def test_quantities_have_their_sum_on_the_overview_and_sums_per_region_on_their_page(client, cycle):
    page = client.get("/secretariat/analysis/?cycle=2023-short").get_data(as_text=True)
    row = row_of(page, "art3.exports.total_quantity")
    text = (
        client.get(
            "/secretariat/analysis/questions/art3.exports.total_quantity/numbers.csv"
            "?cycle=2023-short"
        )
        .get_data()
        .decode()
    )
    overall = next(csv.DictReader(io.StringIO(text)))
    assert overall["region"] == "All Parties"
    assert f"Parties reporting a number: {overall['parties']}" in row
    assert "/secretariat/analysis/questions/art3.exports.total_quantity/numbers.csv" in row
    question = client.get(
        "/secretariat/analysis/questions/art3.exports.total_quantity?cycle=2023-short"
    ).get_data(as_text=True)
    assert "totals by regional group" in question


def test_filters_region_and_accepted_only_change_the_counts(client, cycle):
    def asked(query):
        text = (
            client.get(f"/secretariat/analysis/questions/art3.exports/options.csv?{query}")
            .get_data()
            .decode()
        )
        return sum(int(r["parties"]) for r in csv.DictReader(io.StringIO(text)))

    assert asked("cycle=2023-short") == 4
    assert asked("cycle=2023-short&status=accepted") == 2  # MEX and KEN
    assert asked("cycle=2023-short&region=africa") == 1


def test_unknown_question_cycle_or_figure_is_404(client, cycle):
    assert client.get("/secretariat/analysis/questions/nope?cycle=2023-short").status_code == 404
    assert client.get("/secretariat/analysis/?cycle=1999").status_code == 404
    assert (
        client.get(
            "/secretariat/analysis/questions/art3.exports/nope.csv?cycle=2023-short"
        ).status_code
        == 404
    )


def test_data_export_permission_is_needed_for_csv(client, cycle, monkeypatch):
    from reporting import policy

    monkeypatch.setitem(policy._RULES, "data.export", set())
    assert (
        client.get(
            "/secretariat/analysis/questions/art3.exports/options.csv?cycle=2023-short"
        ).status_code
        == 403
    )
    page = client.get("/secretariat/analysis/questions/art3.exports?cycle=2023-short").get_data(
        as_text=True
    )
    assert ".csv" not in page


@pytest.mark.parametrize(
    "key",
    [
        "party.focal_point.institution",
        "art3.primary_mining.uses",
        "art3.exports.total_quantity",
        "art3.stocks.list",
        "art3.exports.documents",
        "party.country",
    ],
)
def test_every_kind_of_question_has_a_page_with_valid_charts(client, cycle, key):
    response = client.get(f"/secretariat/analysis/questions/{key}?cycle=2023-short")
    assert response.status_code == 200
    charts = svgs(response.get_data(as_text=True))
    assert charts and all(c.find("svg:title", NS).text for c in charts)


def test_quantity_pages_have_totals_per_region_and_across_cycles(client, cycle):
    page = client.get(
        "/secretariat/analysis/questions/art3.exports.total_quantity?cycle=2023-short"
    )
    titles = [svg.find("svg:title", NS).text for svg in svgs(page.get_data(as_text=True))]
    assert any("totals by regional group" in t for t in titles)
    assert any("totals across cycles" in t for t in titles)
    text = (
        client.get(
            "/secretariat/analysis/questions/art3.exports.total_quantity/numbers.csv"
            "?cycle=2023-short"
        )
        .get_data()
        .decode()
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["region"] == "All Parties" and rows[0]["unit"] == "t"
    regional = [float(r["sum"]) for r in rows[1:] if r["sum"]]
    assert float(rows[0]["sum"]) == pytest.approx(sum(regional))
    table = client.get(
        "/secretariat/analysis/questions/art3.stocks.list/numbers-quantity.csv?cycle=2023-short"
    )
    assert table.status_code == 200
