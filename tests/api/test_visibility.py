"""A partner token sees published data only: never a draft, a submitted-not-accepted,
returned or embargoed report, a confidential answer or a focal point's personal data."""

import pytest

from reporting.questionnaire import get_format

from .factories import first_article_question

HIDDEN_FROM_PARTNERS = ("draft", "submitted", "returned", "embargoed")


def ids(response):
    return {item["id"] for item in response.get_json()}


def test_partners_list_only_published_reports(client, reports, partner):
    response = client.get("/api/v1/reports", headers=partner)
    assert response.status_code == 200
    assert ids(response) == {reports["published"].id, reports["confidential"].id}


@pytest.mark.parametrize("state", HIDDEN_FROM_PARTNERS)
def test_partners_cannot_read_an_unpublished_report_or_its_versions(
    client, reports, partner, state
):
    report_id = reports[state].id
    for path in (
        f"/api/v1/reports/{report_id}",
        f"/api/v1/reports/{report_id}/versions",
        f"/api/v1/reports/{report_id}/versions/1",
    ):
        response = client.get(path, headers=partner)
        assert response.status_code == 404, path
        assert response.get_json()["type"].endswith("/problems/not-found")


def test_partners_asking_for_unpublished_statuses_get_403(client, reports, partner):
    for status in ("draft", "submitted", "returned"):
        response = client.get(f"/api/v1/reports?status={status}", headers=partner)
        assert response.status_code == 403
        assert response.get_json()["required_scope"] == "read:all"
    assert ids(client.get("/api/v1/reports?status=accepted", headers=partner)) == {
        reports["published"].id,
        reports["confidential"].id,
    }


def test_read_all_sees_every_report_in_every_state(client, reports, everything):
    assert ids(client.get("/api/v1/reports", headers=everything)) == {
        r.id for r in reports.values()
    }
    draft = client.get(f"/api/v1/reports/{reports['draft'].id}", headers=everything).get_json()
    assert draft["status"] == "draft" and draft["version"] is None and draft["answers"]
    returned = client.get("/api/v1/reports?status=returned", headers=everything)
    assert ids(returned) == {reports["returned"].id}


def test_confidential_answers_never_reach_partners(client, reports, partner, everything):
    report = reports["confidential"]
    key = first_article_question(report)
    shown = client.get(f"/api/v1/reports/{report.id}", headers=partner).get_json()["answers"]
    assert key not in shown and shown  # the rest of the report is there
    version = client.get(f"/api/v1/reports/{report.id}/versions/1", headers=partner).get_json()
    assert key not in version["answers"]
    full = client.get(f"/api/v1/reports/{report.id}", headers=everything).get_json()["answers"]
    assert full[key]["confidential"] is True
    assert all("confidential" not in answer for answer in shown.values())


def test_personal_data_of_focal_points_never_reaches_partners(client, reports, partner, everything):
    fmt = get_format("minamata", "2023.1")
    personal = {q.key for q in fmt.iter_questions() if q.personal}
    assert "party.focal_point.email" in personal
    report = reports["published"]
    shown = client.get(f"/api/v1/reports/{report.id}", headers=partner).get_json()["answers"]
    assert not personal & set(shown)
    assert "party.focal_point.institution" in shown
    full = client.get(f"/api/v1/reports/{report.id}", headers=everything).get_json()["answers"]
    assert "party.focal_point.email" in full


def test_parties_show_no_users_or_contacts(client, reports, partner):
    party = client.get("/api/v1/parties/MEX", headers=partner).get_json()
    assert set(party) == {
        "iso3",
        "name",
        "regional_group",
        "kind",
        "memberships",
        "ratification_date",
        "entry_into_force",
        "names",
    }
    by_convention = {m["convention"]: m for m in party["memberships"]}
    assert set(by_convention) == {"minamata", "stockholm"}
    minamata = by_convention["minamata"]
    assert set(minamata) == {"convention", "ratification_date", "entry_into_force"}
    assert minamata["ratification_date"]
    # The dates of v1 from before conventions were data: the first convention's.
    assert (party["ratification_date"], party["entry_into_force"]) == (
        minamata["ratification_date"],
        minamata["entry_into_force"],
    )


def test_partners_see_only_published_versions(client, reports, partner, everything):
    report = reports["published"]
    versions = client.get(f"/api/v1/reports/{report.id}/versions", headers=partner).get_json()
    assert [(v["version"], v["published"]) for v in versions] == [(1, True)]
    embargoed = reports["embargoed"]
    versions = client.get(f"/api/v1/reports/{embargoed.id}/versions", headers=everything).get_json()
    assert [(v["version"], v["published"]) for v in versions] == [(1, False)]
