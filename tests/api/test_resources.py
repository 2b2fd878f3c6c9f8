"""Contract tests: each resource answers with the documented shape and filters."""

from datetime import timedelta

from reporting.extensions import db
from reporting.reports import workflow

from .factories import make_report, party


def test_parties_list_filter_and_one(client, partner):
    response = client.get("/api/v1/parties?region=africa&page_size=500", headers=partner)
    assert response.status_code == 200
    parties = response.get_json()
    assert parties and {p["regional_group"] for p in parties} == {"africa"}
    assert "KEN" in {p["iso3"] for p in parties}
    assert [p["iso3"] for p in parties] == sorted(p["iso3"] for p in parties)
    assert client.get("/api/v1/parties/ken", headers=partner).get_json()["name"] == "Kenya"
    bolivia = client.get("/api/v1/parties/BOL", headers=partner).get_json()
    assert bolivia["name"] == "Bolivia (Plurinational State of)"
    assert bolivia["names"]["fr"] == "Bolivie (État plurinational de)"
    assert sorted(bolivia["names"]) == ["ar", "en", "es", "fr", "ru", "zh"]
    assert client.get("/api/v1/parties/XXX", headers=partner).status_code == 404


def test_cycles_list_and_one(client, partner):
    cycles = client.get("/api/v1/cycles", headers=partner).get_json()
    assert [c["code"] for c in cycles][:2] == ["2019-short", "2021-full"]
    one = client.get("/api/v1/cycles/2025-full", headers=partner).get_json()
    assert one == {
        "code": "2025-full",
        "year": 2025,
        "kind": "full",
        "period_start": "2021-01-01",
        "period_end": "2024-12-31",
        "due_date": "2025-12-31",
        "format": {"id": "minamata", "version": "2023.1"},
    }
    shorts = client.get("/api/v1/cycles?kind=short", headers=partner).get_json()
    assert {c["kind"] for c in shorts} == {"short"}
    assert client.get("/api/v1/cycles/1999-none", headers=partner).status_code == 404


def test_formats_list_names_the_cycles_using_each(client, partner):
    formats = client.get("/api/v1/formats", headers=partner).get_json()
    minamata = {f["version"]: f for f in formats if f["id"] == "minamata"}
    assert minamata["2023.1"]["cycles"] == ["2023-short", "2025-full", "2027-short"]
    assert minamata["2017.1"]["cycles"] == ["2019-short", "2021-full"]


def test_a_format_gives_the_whole_structure(client, partner):
    fmt = client.get("/api/v1/formats/minamata/2023.1", headers=partner).get_json()
    assert fmt["language"] == "en"
    questions = [q for p in fmt["parts"] for s in p["sections"] for q in s["questions"]]
    keys = {q["key"] for q in questions}
    assert {"party.country", "art3.primary_mining"} <= keys
    assert set(fmt["short_report"]) <= keys
    email = next(q for q in questions if q["key"] == "party.focal_point.email")
    assert email["personal"] is True and email["kind"] == "email"
    assert client.get("/api/v1/formats/minamata/0.0", headers=partner).status_code == 404


def test_format_texts_follow_lang_or_accept_language(client, partner):
    english = client.get("/api/v1/formats/minamata/2023.1", headers=partner).get_json()
    by_param = client.get("/api/v1/formats/minamata/2023.1?lang=fr", headers=partner).get_json()
    by_header = client.get(
        "/api/v1/formats/minamata/2023.1", headers={**partner, "Accept-Language": "fr-FR,fr;q=0.9"}
    ).get_json()
    assert by_param["language"] == by_header["language"] == "fr"
    assert by_param["parts"] == by_header["parts"]
    assert by_param["parts"][0]["title"] != english["parts"][0]["title"]
    arabic = client.get("/api/v1/formats/minamata/2023.1?lang=ar", headers=partner).get_json()
    assert arabic["parts"][0]["title"] != english["parts"][0]["title"]
    assert client.get("/api/v1/formats/minamata/2023.1?lang=de", headers=partner).status_code == 422


def test_reports_filter_by_cycle_party_region_and_update_time(
    client, everything, short_cycle, full_cycle, focal_point, secretariat
):
    mex_short = make_report(party("MEX"), short_cycle, "accepted", focal_point, secretariat)
    ken_short = make_report(party("KEN"), short_cycle, "submitted", focal_point, secretariat)
    mex_full = make_report(party("MEX"), full_cycle, "draft", focal_point, secretariat)
    db.session.commit()

    def found(query):
        response = client.get(f"/api/v1/reports?{query}", headers=everything)
        assert response.status_code == 200, response.get_json()
        return {r["id"] for r in response.get_json()}

    assert found("cycle=2023-short") == {mex_short.id, ken_short.id}
    assert found("party=mex") == {mex_short.id, mex_full.id}
    assert found("region=africa") == {ken_short.id}
    assert found("status=submitted&status=draft") == {ken_short.id, mex_full.id}
    since = mex_full.updated_at.isoformat()
    assert mex_full.id in found(f"updated_since={since.replace('+', '%2B')}")
    later = (
        (max(r.updated_at for r in (mex_short, ken_short, mex_full)) + timedelta(seconds=1))
        .isoformat()
        .replace("+", "%2B")
    )
    assert found(f"updated_since={later}") == set()
    response = client.get("/api/v1/reports?updated_since=yesterday", headers=everything)
    assert response.status_code == 422
    assert "updated_since" in response.get_json()["errors"]["query"]


def test_a_report_has_its_answers_typed_by_question_key(client, reports, partner):
    report = client.get(f"/api/v1/reports/{reports['published'].id}", headers=partner).get_json()
    assert report["party"] == {
        "iso3": "MEX",
        "name": "Mexico",
        "regional_group": "latin_america_caribbean",
    }
    assert (report["cycle"], report["status"], report["version"]) == ("2023-short", "accepted", 1)
    assert report["format"] == {"id": "minamata", "version": "2023.1"}
    answers = report["answers"]
    assert answers["party.country"] == {"state": "value", "value": "MEX", "comment": None}
    assert answers["party.period_start"]["value"] == "2021-01-01"
    rows = next(
        a["value"]
        for a in answers.values()
        if isinstance(a["value"], list)
        and a["value"]
        and isinstance(a["value"][0], dict)
        and "quantity" in a["value"][0]
    )
    assert all(isinstance(row["quantity"], (int, float)) for row in rows)


def test_partners_get_the_accepted_version_not_an_earlier_one(
    client, partner, short_cycle, focal_point, secretariat
):
    report = make_report(party("MEX"), short_cycle, "returned", focal_point, secretariat)
    workflow.submit(report, focal_point)
    workflow.accept(report, secretariat)
    db.session.commit()
    shown = client.get(f"/api/v1/reports/{report.id}", headers=partner).get_json()
    assert shown["version"] == 2
    versions = client.get(f"/api/v1/reports/{report.id}/versions", headers=partner).get_json()
    assert [v["version"] for v in versions] == [2]
    assert client.get(f"/api/v1/reports/{report.id}/versions/1", headers=partner).status_code == 404
    version = client.get(f"/api/v1/reports/{report.id}/versions/2", headers=partner).get_json()
    assert version["published"] is True and len(version["content_hash"]) == 64
    assert version["answers"] == shown["answers"]


def test_the_party_schema_documents_the_names_per_language(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    names = spec["components"]["schemas"]["Party"]["properties"]["names"]
    assert names["type"] == "object" and names["additionalProperties"] == {"type": "string"}
