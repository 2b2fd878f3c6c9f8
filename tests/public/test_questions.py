"""The public question pages: only published data, counted as the API and the secretariat
count it, with every chart's table, CSV, SVG, PNG and embeddable view."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest

from reporting.api.clients import create_client
from reporting.models.types import utcnow
from reporting.reports import workflow
from tests.web.helpers import login

from .conftest import get

FULL = "2025-full"
QUANTITY = "art3.exports.total_quantity"


def _csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8"))))


def _options(client, key=QUANTITY, lang="en", **args) -> dict[str, dict]:
    query = "&".join(f"{k}={v}" for k, v in {"cycle": FULL, **args}.items())
    rows = _csv(get(client, f"/data/{lang}/questions/{key}/options.csv?{query}"))
    return {row["option_code"]: row for row in rows}


def test_only_published_reports_are_counted(client, world):
    options = _options(client, "art3.exports")
    # MEX, CHN and BRA (embargo over) are published; KEN is under embargo; FRA, DEU, JOR not accepted.
    assert options["yes"]["parties"] == "3"
    assert options["no"]["parties"] == "0"
    numbers = _csv(get(client, f"/data/en/questions/{QUANTITY}/numbers.csv?cycle={FULL}"))
    overall = next(r for r in numbers if r["region_code"] == "")
    assert (overall["parties"], float(overall["sum"])) == ("2", 6.5)  # MEX 4.5 + BRA 2


def test_unpublished_and_confidential_values_never_appear(client, world):
    page = get(client, f"/data/en/questions/{QUANTITY}?cycle={FULL}").get_data(as_text=True)
    files = [
        get(client, f"/data/en/questions/{QUANTITY}/{name}.{ext}?cycle={FULL}").get_data(
            as_text=True
        )
        for name in ("options", "numbers", "regions")
        for ext in ("csv", "svg")
    ]
    for text in [page, *files]:
        assert "777" not in text  # FRA submitted, DEU returned, JOR draft
        assert "12.5" not in text and "12,5" not in text  # CHN's confidential quantity


def test_confidential_answers_are_not_even_counted_as_withheld(client, world):
    options = _options(client)
    assert "withheld" not in options
    assert options["no_answer"]["parties"] == "1"  # CHN: its answer is confidential
    page = get(client, f"/data/en/questions/{QUANTITY}?cycle={FULL}").get_data(as_text=True)
    assert "withheld" not in page.lower()


def test_the_embargo_lifts_on_its_date(client, world, db):
    assert _options(client, "art3.exports")["no"]["parties"] == "0"
    world["KEN full"].publish_after = utcnow() - timedelta(seconds=1)
    db.session.flush()
    assert _options(client, "art3.exports")["no"]["parties"] == "1"


def test_the_public_numbers_are_the_apis_and_the_secretariats(app, client, world, db, secretariat):
    world["KEN full"].publish_after = utcnow() - timedelta(
        seconds=1
    )  # every accepted report public
    db.session.flush()
    public = _options(client, "art3.exports")
    token = create_client("Dashboard partner", "read:published")[1]
    api = client.get(
        f"/api/v1/aggregates/options?cycle={FULL}&question=art3.exports",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert api.status_code == 200, api.data
    api_overall = next(r for r in api.json if r["region"] is None)
    login(client, secretariat)
    staff = _csv(
        get(
            client,
            f"/secretariat/analysis/questions/art3.exports/options.csv"
            f"?cycle={FULL}&status=accepted",
        )
    )
    staff = {row["option_code"]: row for row in staff}
    for option in api_overall["options"]:
        code = option["code"]
        assert int(public[code]["parties"]) == option["count"] == int(staff[code]["parties"]), code
    assert api_overall["asked"] == 4


def test_pages_are_cached_with_an_etag_until_a_report_is_published(client, world, db, reviewer):
    url = f"/data/en/questions/art3.exports?cycle={FULL}"
    first = get(client, url)
    assert first.headers["Cache-Control"] == "public, no-cache"
    assert "Set-Cookie" not in first.headers
    etag = first.headers["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.data
    workflow.accept(world["FRA full"], reviewer)
    db.session.flush()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_a_signed_in_visitor_gets_the_same_shared_page(client, world, secretariat):
    anonymous = get(client, "/data/en/").get_data(as_text=True)
    login(client, secretariat)
    signed_in = get(client, "/data/en/")
    assert signed_in.headers["Cache-Control"] == "public, no-cache"
    text = signed_in.get_data(as_text=True)
    assert "Sam Analyst" not in text and "Log out" not in text
    assert text == anonymous


def test_every_chart_has_its_downloads(client, world):
    page = get(client, f"/data/en/questions/{QUANTITY}?cycle={FULL}").get_data(as_text=True)
    for name in ("options", "regions", "numbers", "cycles", "numbers-cycles"):
        for ext in ("csv", "svg", "png"):
            assert f"/data/en/questions/{QUANTITY}/{name}.{ext}?cycle={FULL}" in page
        assert f"/data/en/questions/{QUANTITY}/{name}/embed?cycle={FULL}" in page
    svg = get(client, f"/data/en/questions/{QUANTITY}/options.svg?cycle={FULL}")
    assert svg.mimetype == "image/svg+xml"
    assert ET.fromstring(svg.data).tag.endswith("svg")
    assert "attachment" in svg.headers["Content-Disposition"]
    png = get(client, f"/data/ar/questions/{QUANTITY}/regions.png?cycle={FULL}")
    assert png.mimetype == "image/png" and png.data.startswith(b"\x89PNG")
    assert f"ort-{QUANTITY}-regions-{FULL}-ar.png" in png.headers["Content-Disposition"]


def test_the_embeddable_view_may_be_framed_and_the_pages_may_not(client, world):
    embed = get(client, f"/data/fr/questions/art3.exports/options/embed?cycle={FULL}")
    assert "X-Frame-Options" not in embed.headers
    assert "frame-ancestors *" in embed.headers["Content-Security-Policy"]
    text = embed.get_data(as_text=True)
    assert '<html lang="fr"' in text and "<svg" in text and "<table" in text
    page = get(client, f"/data/fr/questions/art3.exports?cycle={FULL}")
    assert page.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]


def test_filters_by_region(client, world):
    latin = _options(client, "art3.exports", region="latin_america_caribbean")
    assert latin["yes"]["parties"] == "2"  # MEX and BRA; CHN is Asia-Pacific


@pytest.mark.parametrize(
    "url",
    [
        "/data/xx/",
        "/data/en/questions/no.such.question",
        "/data/en/questions/art3.exports?cycle=1999-x",
        "/data/en/questions/art3.exports?region=atlantis",
        "/data/en/questions/art3.exports/nope.csv",
        "/data/en/questions/art3.exports/options.exe",
        "/data/en/questions/art3.exports/nope/embed",
    ],
)
def test_unknown_addresses_are_404(client, world, url):
    assert client.get(url).status_code == 404


def test_questions_that_identify_a_person_have_no_page(client, world):
    from reporting.questionnaire import get_format

    fmt = get_format(world["MEX full"].cycle.format_id, world["MEX full"].cycle.format_version)
    personal = [q.key for q in fmt.iter_questions() if q.personal]
    assert personal
    assert client.get(f"/data/en/questions/{personal[0]}?cycle={FULL}").status_code == 404


def test_change_across_cycles_for_a_key_that_persists(client, world):
    rows = _csv(get(client, f"/data/en/questions/art3.exports/cycles.csv?cycle={FULL}"))
    assert [r["cycle"] for r in rows] == ["2023-short", FULL]


@pytest.mark.parametrize(
    "lang,direction",
    [("en", "ltr"), ("ar", "rtl"), ("zh", "ltr"), ("ru", "ltr"), ("fr", "ltr"), ("es", "ltr")],
)
def test_pages_in_every_language(client, world, lang, direction):
    for url in (f"/data/{lang}/", f"/data/{lang}/questions/art3.exports?cycle={FULL}"):
        text = get(client, url).get_data(as_text=True)
        assert f'<html lang="{lang}" dir="{direction}">' in text
        assert f'href="/data/{lang}/' in text  # links stay in the page's language


def test_the_root_sends_the_visitor_to_their_language(client):
    response = client.get("/data/", headers={"Accept-Language": "ru, en;q=0.5"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/data/ru/")
    assert "Accept-Language" in response.headers["Vary"]


def test_a_follow_up_never_reveals_the_confidential_answer_it_depends_on(
    client, world, db, reviewer
):
    """IND says "yes" to exports, confidentially, and gives a quantity: the quantity
    would tell that the answer was yes, so the published data has neither."""
    from tests.exports.factories import make_report

    report = make_report(
        "IND",
        world["MEX full"].cycle,
        "accepted",
        seed=11,
        reviewer=reviewer,
        overrides={
            "art3.exports": {"value": "yes", "confidential": True},
            "art3.exports.total_quantity": {"value": "31.5"},
        },
    )
    numbers = _csv(get(client, f"/data/en/questions/{QUANTITY}/numbers.csv?cycle={FULL}"))
    overall = next(r for r in numbers if r["region_code"] == "")
    assert (overall["parties"], float(overall["sum"])) == ("2", 6.5)  # IND's 31.5 is not there
    options = _options(client)
    assert options["value"]["parties"] == "2"
    assert options["no_answer"]["parties"] == "1"  # CHN; IND was not asked, publicly
    page = get(client, "/data/en/parties/IND").get_data(as_text=True)
    assert "31.5" not in page and "31,5" not in page
    token = create_client("Follow-up partner", "read:published")[1]
    api = client.get(f"/api/v1/reports/{report.id}", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 200, api.data
    answers = api.json["answers"]
    assert "art3.exports" not in answers and QUANTITY not in answers
    rows = get(client, f"/data/en/open-data/{FULL}/long.csv").get_data(as_text=True)
    assert "31.5" not in rows
