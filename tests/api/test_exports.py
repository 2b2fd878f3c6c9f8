"""Exports and aggregates through the API: streamed, for the token's audience."""

import csv
import gzip
import io
import json
import zipfile

from openpyxl import load_workbook

from reporting.questionnaire import get_format

from .factories import first_article_question


def long_rows(client, headers, query=""):
    response = client.get(f"/api/v1/exports/long?{query}", headers=headers)
    assert response.status_code == 200, response.data
    assert response.is_streamed
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_partners_export_published_reports_only(client, reports, partner):
    rows = long_rows(client, partner)
    assert {r["party_iso3"] for r in rows} == {"MEX", "DEU"}
    assert {r["status"] for r in rows} == {"accepted"}
    secret = first_article_question(reports["confidential"])
    assert not [r for r in rows if r["party_iso3"] == "DEU" and r["question_key"] == secret]
    personal = {q.key for q in get_format("minamata", "2023.1").iter_questions() if q.personal}
    assert not personal & {r["question_key"] for r in rows}


def test_read_all_exports_drafts_only_when_asked(client, reports, everything):
    assert {r["party_iso3"] for r in long_rows(client, everything)} == {
        "MEX",
        "DEU",
        "FRA",
        "IND",
    }  # submitted and accepted by default
    with_drafts = long_rows(client, everything, "include_drafts=true")
    assert {"KEN", "BRA"} <= {r["party_iso3"] for r in with_drafts}


def test_partners_asking_for_more_than_published_data_get_403(client, reports, partner):
    for query in (
        "include_drafts=true",
        "include_confidential=true",
        "status=submitted",
        "question=party.focal_point.email",
    ):
        response = client.get(f"/api/v1/exports/long?{query}", headers=partner)
        assert response.status_code == 403, query
        assert response.get_json()["type"].endswith("/problems/insufficient-scope")


def test_filters_naming_nothing_are_404_and_bad_values_422(client, reports, partner):
    response = client.get("/api/v1/exports/long?cycle=1999-none", headers=partner)
    assert response.status_code == 404
    assert "1999-none" in response.get_json()["detail"]
    assert (
        client.get("/api/v1/aggregates/options?question=no.such", headers=partner).status_code
        == 404
    )
    assert client.get("/api/v1/exports/long?format=pdf", headers=partner).status_code == 422
    assert client.get("/api/v1/exports/square", headers=partner).status_code == 404


def test_json_xlsx_and_wide_exports(client, reports, partner):
    document = client.get("/api/v1/exports/wide?format=json", headers=partner).get_json()
    assert document["shape"] == "wide" and document["filters"]["audience"] == "published"
    assert {r["party_iso3"] for r in document["rows"]} == {"MEX", "DEU"}
    response = client.get("/api/v1/exports/codebook?format=xlsx&lang=fr", headers=partner)
    assert response.mimetype.endswith("spreadsheetml.sheet")
    workbook = load_workbook(io.BytesIO(response.data), read_only=True)
    assert workbook.sheetnames
    workbook.close()


def test_the_data_package_is_a_zip_with_its_descriptor(client, reports, partner):
    response = client.get("/api/v1/exports/datapackage", headers=partner)
    assert response.status_code == 200 and response.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.data)) as package:
        names = set(package.namelist())
        descriptor = json.loads(package.read("datapackage.json"))
    assert {"datapackage.json", "long.csv", "wide.csv", "codebook.csv"} <= names
    assert {r["name"] for r in descriptor["resources"]} >= {"long", "wide", "codebook"}


def test_streamed_exports_are_compressed_when_asked(client, reports, partner):
    plain = client.get("/api/v1/exports/long", headers=partner).data
    response = client.get("/api/v1/exports/long", headers={**partner, "Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.data) == plain


def test_aggregates_count_published_reports_for_partners(client, reports, partner, everything):
    key = first_article_question(reports["confidential"])
    query = f"/api/v1/aggregates/options?cycle=2023-short&question={key}"
    rows = client.get(query, headers=partner).get_json()
    overall = next(r for r in rows if r["region"] is None)
    assert overall["reporting"] == 2  # MEX and DEU
    # DEU's confidential answer: never shown, not even counted as withheld (a partner
    # must not learn how many answers are confidential): a non-response for partners.
    assert overall["withheld"] == 0
    assert overall["answered"] == 1
    assert overall["non_response"] == overall["asked"] - 1
    secretariat = client.get(query, headers=everything).get_json()
    assert next(r for r in secretariat if r["region"] is None)["reporting"] == 4
    response = client.get(query + "&page_size=1", headers=partner)
    assert len(response.get_json()) == 1
    assert int(response.headers["X-Total-Count"]) == len(rows)


def test_numbers_series_and_performance(client, reports, partner):
    for path in ("numbers", "series", "performance"):
        response = client.get(f"/api/v1/aggregates/{path}?cycle=2023-short", headers=partner)
        assert response.status_code == 200, (path, response.get_json())
        assert isinstance(response.get_json(), list)
    performance = client.get(
        "/api/v1/aggregates/performance?cycle=2023-short", headers=partner
    ).get_json()
    assert next(r for r in performance if r["region"] is None)["cycle_code"] == "2023-short"
