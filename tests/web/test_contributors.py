"""The focal point's team: contributors are invited and removed; they edit, never submit."""

from sqlalchemy import select

from reporting.extensions import db as _db
from reporting.models import OutboxMessage, Report, Role, User

from .helpers import form_fields, login

PASSWORD = "correct horse battery"


def test_the_focal_point_invites_a_colleague_who_sets_a_password_and_logs_in(
    client, focal_point, app
):
    login(client, focal_point)
    response = client.post(
        "/team/",
        data={"email": "Colleague@Example.org", "name": "Col League", "language": "fr"},
        follow_redirects=True,
    )
    assert response.status_code == 200
    user = _db.session.scalars(select(User).where(User.email == "colleague@example.org")).one()
    assert (user.role, user.party_id, user.language, user.password_hash) == (
        Role.contributor,
        focal_point.party_id,
        "fr",
        None,
    )
    message = _db.session.scalars(select(OutboxMessage)).one()
    assert message.recipients == ["colleague@example.org"] and message.purpose == "invitation"
    # The link is the colleague's alone: never shown to the focal point, even without a
    # mail server (it waits in the outbox, marked secret).
    link = message.body.split("http://localhost", 1)[1].split()[0]
    assert message.secret and link not in response.text and "/password/" not in response.text
    assert "waits in the outbox" in response.text
    client.post("/logout")
    client.post(
        link, data={"password": "the colleague's secret", "confirm": "the colleague's secret"}
    )
    assert (
        client.post(
            "/login", data={"email": "colleague@example.org", "password": "the colleague's secret"}
        ).status_code
        == 302
    )


def test_an_address_of_another_account_cannot_be_invited(client, focal_point, other_focal_point):
    login(client, focal_point)
    response = client.post("/team/", data={"email": other_focal_point.email, "language": "en"})
    assert "cannot be invited" in response.text
    assert _db.session.get(User, other_focal_point.id).party_id == other_focal_point.party_id
    response = client.post("/team/", data={"email": focal_point.email, "language": "en"})
    assert "already a member of your team" in response.text


def test_a_removed_contributor_can_no_longer_log_in_or_edit(
    client, focal_point, contributor, report_a
):
    report_id = report_a.id
    login(client, focal_point)
    assert contributor.email in client.get("/team/").text
    response = client.post(f"/team/{contributor.id}/remove")
    assert response.status_code == 302
    assert not _db.session.get(User, contributor.id).active
    client.post("/logout")
    assert (
        client.post("/login", data={"email": contributor.email, "password": PASSWORD}).status_code
        == 401
    )
    login(client, contributor)  # even with an old session cookie
    assert client.get(f"/reports/{report_id}/pages/art3").status_code == 302


def test_a_removed_contributor_can_be_invited_again(client, focal_point, contributor):
    contributor.active = False
    _db.session.commit()
    login(client, focal_point)
    client.post("/team/", data={"email": contributor.email, "language": "en"})
    assert _db.session.get(User, contributor.id).active


def test_focal_points_and_other_partys_users_cannot_be_removed(
    client, focal_point, other_focal_point
):
    login(client, focal_point)
    assert client.post(f"/team/{other_focal_point.id}/remove").status_code == 404
    client.post(f"/team/{focal_point.id}/remove", follow_redirects=True)
    assert _db.session.get(User, focal_point.id).active


def test_contributors_cannot_manage_the_team(client, contributor, focal_point):
    login(client, contributor)
    assert client.get("/team/").status_code == 403
    assert client.post(f"/team/{focal_point.id}/remove").status_code == 403
    assert "Our team" not in client.get("/").text


def test_a_contributor_edits_but_only_the_focal_point_submits(
    request_ctx, client, contributor, focal_point, party_a, short_cycle, minamata
):
    from reporting.questionnaire.samples import sample_answers
    from reporting.reports import workflow
    from reporting.reports.answers import save_answers

    report = workflow.start_report(party_a, short_cycle, focal_point, carry_over=False)
    prefilled = {q.key for q in minamata.iter_questions() if q.prefill}
    save_answers(
        report, minamata, sample_answers(minamata, "short", skip=prefilled), focal_point, "short"
    )
    _db.session.commit()
    report_id = report.id
    login(client, contributor)
    fields = form_fields(client.get(f"/reports/{report_id}/pages/art3").text)
    fields.update({"q.art3.stocks.details-value": "Added by a contributor", "save": ""})
    assert client.post(f"/reports/{report_id}/pages/art3", data=fields).status_code == 302
    submit = client.get(f"/reports/{report_id}/submit").text
    assert "Only your country's national focal point can submit" in submit
    assert client.post(f"/reports/{report_id}/submit", data={}).status_code == 403
    assert _db.session.get(Report, report_id).status.value == "draft"
