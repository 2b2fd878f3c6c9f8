"""The dashboard page: statuses, counts, filters and sorting in the query string, CSV download."""

import csv
import io

import pytest

from tests.secretariat.factories import at, login, party, report_in_state


@pytest.fixture
def seeded(short_cycle, secretariat, client):
    report_in_state(party("MEX"), short_cycle, "accepted", [at(2023, 11, 2)])
    report_in_state(party("KEN"), short_cycle, "submitted", [at(2024, 2, 1)])
    report_in_state(party("JOR"), short_cycle, "draft")
    login(client, secretariat)
    return short_cycle


def test_dashboard_lists_parties_with_status_counts_and_rate(client, seeded):
    page = client.get("/secretariat/cycles/2023-short").get_data(as_text=True)
    assert "Mexico" in page and "Kenya" in page and "Brazil" in page
    assert "Accepted" in page and "Not started" in page and "Late" in page and "On time" in page
    assert "Reporting status by UN regional group" in page
    assert "African States" in page


def test_home_shows_the_latest_cycle_with_reports(client, seeded):
    assert "Reporting cycle 2023-short" in client.get("/secretariat/").get_data(as_text=True)


def test_filters_and_sorting_work_from_the_query_string(client, seeded):
    page = client.get("/secretariat/cycles/2023-short?region=africa&status=submitted").get_data(
        as_text=True
    )
    table = page[page.index('id="party-list"') :]
    assert "Kenya" in table and "Mexico" not in table and "Jordan" not in table
    page = client.get("/secretariat/cycles/2023-short?q=jor").get_data(as_text=True)
    table = page[page.index('id="party-list"') :]
    assert "Jordan" in table and "Kenya" not in table
    page = client.get("/secretariat/cycles/2023-short?sort=submitted&dir=desc").get_data(
        as_text=True
    )
    table = page[page.index('id="party-list"') :]
    assert table.index("Kenya") < table.index("Mexico") < table.index("Jordan")
    assert 'aria-sort="descending"' in table
    # unknown values are ignored rather than failing
    assert (
        client.get("/secretariat/cycles/2023-short?region=mars&status=lost&sort=x").status_code
        == 200
    )


def test_unknown_cycle_is_404(client, seeded):
    assert client.get("/secretariat/cycles/1999-none").status_code == 404


def test_the_list_downloads_as_csv_with_the_same_filters(client, seeded):
    response = client.get(
        "/secretariat/cycles/2023-short/parties.csv?status=accepted&status=submitted&sort=iso3"
    )
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8"))))
    assert [(r["iso3"], r["status"], r["timeliness"]) for r in rows] == [
        ("KEN", "submitted", "late"),
        ("MEX", "accepted", "on_time"),
    ]
    assert rows[1]["first_submitted_at"].startswith("2023-11-02T12:00:00")
    assert rows[0]["regional_group"] == "africa" and rows[0]["cycle"] == "2023-short"
    assert rows[0]["due_date"] == "2023-12-31"


def test_csv_of_all_parties_has_one_row_per_party_in_utf8(client, seeded):
    text = client.get("/secretariat/cycles/2023-short/parties.csv").get_data().decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    names = {r["party"] for r in rows}
    assert len(rows) > 100 and "Côte d'Ivoire" in names or "Türkiye" in names
