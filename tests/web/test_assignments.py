"""Work shared across ministries: the focal point assigns articles or single questions to
contributors of the Party, each contributor sees "my questions" with their progress and
marks their part ready; the overview and the home page show progress per person."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reporting.extensions import db as _db
from reporting.models import Assignment, AuditEvent, Notification, OutboxMessage, Role
from reporting.reports import workflow
from reporting.reports.answers import load_answers, save_answers
from reporting.web.progress import page_progress
from tests.conftest import make_user

from .helpers import login

ART3_FR = "Article 3\xa0: Sources d'approvisionnement en mercure et commerce"


@pytest.fixture
def team(focal_point, contributor, party_a, party_b):
    contributor.name, contributor.language = "Carla Contributor", "fr"
    return {
        "fp": focal_point,
        "carla": contributor,
        "diego": make_user(
            "diego.a@example.org", Role.contributor, party_a, name="Diego Dos", language="es"
        ),
        "gone": make_user("gone.a@example.org", Role.contributor, party_a, active=False),
        "other": make_user("co.b@example.org", Role.contributor, party_b, name="Other Party"),
    }


def _assign(client, report, item, person):
    return client.post(
        f"/reports/{report.id}/assignments", data={"item": item, "person": str(person)}
    )


def _rows(report):
    _db.session.expire_all()
    return {
        (a.page_key or a.question_key): a
        for a in _db.session.scalars(select(Assignment).where(Assignment.report_id == report.id))
    }


def _actions(action):
    return _db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
    ).all()


def test_the_focal_point_assigns_an_article_and_the_contributor_is_told_in_french(
    client, report_a, team
):
    login(client, team["fp"])
    assert _assign(client, report_a, "page:art3", team["carla"].id).status_code == 302
    row = _rows(report_a)["art3"]
    assert (row.user_id, row.assigned_by_id, row.ready_at) == (
        team["carla"].id,
        team["fp"].id,
        None,
    )
    (event,) = _actions("assignment.assign")
    assert event.details["item"] == "page:art3" and event.report_id == report_a.id
    (told,) = _db.session.scalars(
        select(Notification).where(Notification.kind == "assignment.assigned")
    ).all()
    assert told.user_id == team["carla"].id
    (mail,) = _db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.recipients == [team["carla"].email])
    ).all()
    # In the contributor's language (French), with a link to "my questions".
    assert "Bonjour Carla Contributor," in mail.body and ART3_FR in mail.body
    assert f"/reports/{report_a.id}/my-questions" in mail.body
    # The assignments page shows who does it.
    page = client.get(f"/reports/{report_a.id}/assignments").text
    assert "Carla Contributor" in page and "Progress per person" in page


def test_reassigning_moves_the_article_and_taking_it_back_removes_it(client, report_a, team):
    login(client, team["fp"])
    _assign(client, report_a, "page:art3", team["carla"].id)
    _assign(client, report_a, "page:art3", team["diego"].id)
    rows = _rows(report_a)
    assert list(rows) == ["art3"] and rows["art3"].user_id == team["diego"].id
    assert _actions("assignment.assign")[-1].details["previous_user_id"] == team["carla"].id
    diego_mail = _db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.recipients == [team["diego"].email])
    ).one()
    assert diego_mail.body.startswith("Estimado/a Diego Dos:")  # Spanish
    response = client.post(f"/reports/{report_a.id}/assignments/{rows['art3'].id}/remove")
    assert response.status_code == 302 and _rows(report_a) == {}
    assert _actions("assignment.unassign")[0].details["user_id"] == team["diego"].id


def test_one_question_has_one_assignee_at_most(client, report_a, team):
    login(client, team["fp"])
    _assign(client, report_a, "question:art3.exports", team["carla"].id)
    response = _assign(client, report_a, "page:art3", team["diego"].id)
    assert response.status_code == 400
    assert "Some questions of this article are assigned one by one" in response.text
    client.post(f"/reports/{report_a.id}/assignments/{_rows(report_a)['art3.exports'].id}/remove")
    _assign(client, report_a, "page:art3", team["diego"].id)
    response = _assign(client, report_a, "question:art3.exports", team["carla"].id)
    assert response.status_code == 400
    assert "part of an article assigned to Diego Dos" in response.text
    assert {k: a.user_id for k, a in _rows(report_a).items()} == {"art3": team["diego"].id}


@pytest.mark.parametrize("who", ["other", "gone", "fp", "secretariat"])
def test_only_an_active_contributor_of_the_party_can_be_assigned(
    client, report_a, team, secretariat, who
):
    person = secretariat if who == "secretariat" else team[who]
    login(client, team["fp"])
    response = _assign(client, report_a, "question:art3.exports", person.id)
    assert response.status_code == 400
    assert "Choose a contributor of your team." in response.text
    assert _rows(report_a) == {} and not _actions("assignment.assign")
    page = client.get(f"/reports/{report_a.id}/assignments").text
    assert team["other"].name not in page and team["gone"].email not in page


@pytest.mark.parametrize(
    ("item", "person", "message"),
    [
        ("", "{carla}", "Choose an article or a question."),
        ("page:nowhere", "{carla}", "Choose an article or a question of this report."),
        ("question:art3.exports", "", "Choose a contributor of your team."),
        ("question:art3.exports", "not a number", "Choose a contributor of your team."),
        ("question:art3.exports", "99999999999999", "Choose a contributor of your team."),
        ("question:art3.exports\x00", "{carla}", "Remove the invisible NUL character"),
    ],
)
def test_bad_input_is_refused_in_words_and_the_choice_is_kept(
    client, report_a, team, item, person, message
):
    login(client, team["fp"])
    response = _assign(client, report_a, item, person.format(carla=team["carla"].id))
    assert response.status_code == 400 and message in response.text
    assert "Nothing was assigned" in response.text and _rows(report_a) == {}
    if item == "question:art3.exports":  # the question chosen stays chosen
        assert '<option selected value="question:art3.exports">' in response.text


def test_a_failed_article_row_says_why_in_its_row(client, report_a, team):
    login(client, team["fp"])
    response = _assign(client, report_a, "page:art3", team["other"].id)
    assert response.status_code == 400
    row = response.text.split('id="page-art3"', 1)[1].split("</tr>", 1)[0]
    assert "Choose a contributor of your team." in row and 'aria-invalid="true"' in row


def test_only_the_focal_point_assigns(client, report_a, team):
    login(client, team["carla"])
    assert client.get(f"/reports/{report_a.id}/assignments").status_code == 403
    assert _assign(client, report_a, "page:art3", team["carla"].id).status_code == 403
    assert _rows(report_a) == {}


def test_my_questions_lists_exactly_what_is_assigned_with_its_progress(
    client, report_a, team, minamata
):
    login(client, team["fp"])
    _assign(client, report_a, "page:A", team["carla"].id)
    _assign(client, report_a, "question:art3.exports", team["carla"].id)
    _assign(client, report_a, "question:art3.stocks", team["diego"].id)
    team["carla"].language = "en"  # the page in English, for the words below
    save_answers(report_a, minamata, {"art3.exports": {"value": "no"}}, team["carla"], "short")
    _db.session.commit()
    login(client, team["carla"])
    page = client.get(f"/reports/{report_a.id}/my-questions").text
    rows = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0].count("<tr ")
    assert rows == 2
    assert f"/reports/{report_a.id}/pages/A" in page and "art3.exports" in page
    assert 'art3.stocks"' not in page
    expected = {
        p.page.key: p for p in page_progress(minamata, "short", load_answers(report_a, minamata))
    }
    assert f"{expected['A'].answered} of {expected['A'].shown}" in page
    assert "1 of 1" in page  # the question answered
    login(client, team["diego"])
    page = client.get(f"/reports/{report_a.id}/my-questions").text
    assert 'art3.stocks"' in page and "art3.exports" not in page
    login(client, team["fp"])
    assert (
        "Nothing in this report is assigned to you"
        in client.get(f"/reports/{report_a.id}/my-questions").text
    )


def test_ready_tells_the_focal_point_and_can_be_taken_back(client, report_a, team):
    team["fp"].language = "fr"
    login(client, team["fp"])
    _assign(client, report_a, "page:art3", team["carla"].id)
    assignment = _rows(report_a)["art3"]
    login(client, team["carla"])
    url = f"/reports/{report_a.id}/my-questions/{assignment.id}/ready"
    assert client.post(url, data={"ready": "1"}).status_code == 302
    assert _rows(report_a)["art3"].ready_at is not None
    (told,) = _db.session.scalars(
        select(Notification).where(Notification.kind == "assignment.ready")
    ).all()
    assert told.user_id == team["fp"].id
    mail = _db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.recipients == [team["fp"].email])
    ).one()
    assert mail.body.startswith("Bonjour Ana Focal,") and ART3_FR in mail.body
    assert f"/reports/{report_a.id}/assignments" in mail.body
    team["carla"].language = "en"  # the page in her language (English here)
    assert "Ready" in client.get(f"/reports/{report_a.id}/my-questions").text
    client.post(url, data={"ready": "0"})
    assert _rows(report_a)["art3"].ready_at is None
    assert [e.action for e in _actions("assignment.ready") + _actions("assignment.not_ready")] == [
        "assignment.ready",
        "assignment.not_ready",
    ]
    assert client.post(url, data={"ready": "maybe"}).status_code == 400
    # Another person's part is not theirs to mark.
    login(client, team["diego"])
    assert client.post(url, data={"ready": "1"}).status_code == 404
    assert _rows(report_a)["art3"].ready_at is None


def test_ready_on_a_submitted_report_is_refused_in_words(client, report_a, team, minamata):
    login(client, team["fp"])
    _assign(client, report_a, "page:art3", team["carla"].id)
    assignment = _rows(report_a)["art3"]
    report_a.status = workflow.ReportStatus.submitted
    team["carla"].language = "en"
    _db.session.commit()
    login(client, team["carla"])
    response = client.post(
        f"/reports/{report_a.id}/my-questions/{assignment.id}/ready",
        data={"ready": "1"},
        follow_redirects=True,
    )
    assert "This report can no longer be changed." in response.text
    assert _rows(report_a)["art3"].ready_at is None


def test_the_overview_and_home_page_show_progress_per_person(client, report_a, team, secretariat):
    login(client, team["fp"])
    _assign(client, report_a, "page:art3", team["carla"].id)
    _assign(client, report_a, "question:party.country", team["diego"].id)
    overview = client.get(f"/reports/{report_a.id}").text
    section = overview.split('class="shared-work"', 1)[1].split("</section>", 1)[0]
    assert "Carla Contributor" in section and "Diego Dos" in section
    assert "Article 3: Mercury supply sources and trade" in section and "Not yet" in section
    assert "Share the work" in section
    home = client.get("/").text
    assert "Progress per person" in home and "Carla Contributor" in home
    team["carla"].language = "en"
    login(client, team["carla"])
    home = client.get("/").text
    assert "My questions (1 part)" in home and "Share the work" not in home
    # The secretariat reviews the report, not the team's organisation.
    login(client, secretariat)
    assert "Carla Contributor" not in client.get(f"/reports/{report_a.id}").text


def test_another_party_never_sees_nor_touches_the_assignments(
    client, report_a, team, other_focal_point
):
    login(client, team["fp"])
    _assign(client, report_a, "page:art3", team["carla"].id)
    assignment = _rows(report_a)["art3"]
    for user in (other_focal_point, team["other"]):
        login(client, user)
        base = f"/reports/{report_a.id}"
        assert client.get(f"{base}/assignments").status_code == 404
        assert client.get(f"{base}/my-questions").status_code == 404
        assert _assign(client, report_a, "page:A", team["other"].id).status_code == 404
        assert client.post(f"{base}/assignments/{assignment.id}/remove").status_code == 404
        assert (
            client.post(
                f"{base}/my-questions/{assignment.id}/ready", data={"ready": "1"}
            ).status_code
            == 404
        )
        assert "Carla Contributor" not in client.get("/").text
    assert list(_rows(report_a)) == ["art3"] and _rows(report_a)["art3"].ready_at is None


def test_an_assignment_is_organisation_not_a_lock(client, report_a, team, minamata):
    """Decided: a contributor still edits every page, assigned to them or not (today's
    rights); the focal point too."""
    login(client, team["fp"])
    _assign(client, report_a, "page:art3", team["carla"].id)
    login(client, team["diego"])
    response = client.post(
        f"/reports/{report_a.id}/pages/art3",
        data={
            "q.art3.primary_mining-value": "no",
            "save": "",
            "lock_version": str(report_a.lock_version),
        },
    )
    assert response.status_code == 302
    _db.session.expire_all()
    assert load_answers(report_a, minamata)["art3.primary_mining"]["value"] == "no"


def test_the_same_article_assigned_at_the_same_moment_is_refused_in_words(
    client, report_a, team, monkeypatch
):
    """Two focal-point tabs assign the same article at once: the database's constraint
    keeps one assignee, and the second is told, not shown an error page."""
    from reporting.reports import assignments

    login(client, team["fp"])
    _assign(client, report_a, "page:art3", team["carla"].id)
    monkeypatch.setattr(assignments, "assignments_of", lambda report: [])  # read too early
    response = _assign(client, report_a, "page:art3", team["diego"].id)
    assert response.status_code == 400
    assert "Someone else changed this assignment at the same moment" in response.text
    assert {k: a.user_id for k, a in _rows(report_a).items()} == {"art3": team["carla"].id}
