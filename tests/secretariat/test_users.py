"""Managing users: create focal points and others, deactivate and reactivate, who may."""

import pytest
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import AuditEvent, Role, User
from reporting.secretariat import users as accounts
from tests.secretariat.factories import login, party


def _user(email):
    return db.session.scalars(select(User).where(User.email == email)).first()


def test_secretariat_creates_a_focal_point_for_a_party(client, secretariat):
    login(client, secretariat)
    response = client.post(
        "/secretariat/users",
        data={
            "email": "New.FP@Example.org",
            "name": "Nadia",
            "role": "focal_point",
            "party": str(party("BRA").id),
            "language": "es",
        },
    )
    assert response.status_code == 302
    user = _user("new.fp@example.org")
    assert user.role == Role.focal_point and user.party.iso3 == "BRA" and user.language == "es"
    assert user.password_hash is None and user.active  # its owner sets a password by link
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "user.create")).one()
    assert event.user_id == secretariat.id and event.details["email"] == "new.fp@example.org"


def test_an_account_posted_without_its_optional_name_field_is_created(client, secretariat):
    login(client, secretariat)
    response = client.post(
        "/secretariat/users",
        data={"email": "noname@example.org", "role": "secretariat", "party": "0", "language": ""},
    )
    assert response.status_code == 302 and _user("noname@example.org").name == ""


@pytest.mark.parametrize(
    "data, message",
    [
        (
            {"role": "focal_point", "party": "0"},
            "Choose the Party of a focal point or contributor.",
        ),
        (
            {"role": "secretariat", "party": "MEX"},
            "Only focal points and contributors belong to a Party.",
        ),
        (
            {"role": "focal_point", "party": "MEX", "email": "fp.a@example.org"},
            "A user with this e-mail address exists already.",
        ),
    ],
)
def test_invalid_accounts_are_refused_with_a_reason(
    client, secretariat, focal_point, data, message
):
    login(client, secretariat)
    data = {"email": "x@example.org", "name": "", "language": "", **data}
    if data["party"] == "MEX":
        data["party"] = str(party("MEX").id)
    response = client.post("/secretariat/users", data=data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _user("x@example.org") is None


def test_bad_email_is_refused_by_the_form(client, secretariat):
    login(client, secretariat)
    response = client.post(
        "/secretariat/users",
        data={"email": "not-an-email", "role": "secretariat", "party": "0", "language": ""},
    )
    assert response.status_code == 400 and 'aria-invalid="true"' in response.get_data(as_text=True)


def test_only_admins_create_admins(secretariat, admin, request_ctx):
    assert Role.admin not in accounts.creatable_roles(secretariat)
    with pytest.raises(accounts.UserError):
        accounts.create_user(secretariat, email="boss@example.org", role=Role.admin)
    created = accounts.create_user(admin, email="boss@example.org", role=Role.admin)
    assert created.role == Role.admin


def test_deactivate_and_reactivate_a_user(client, secretariat, focal_point):
    login(client, secretariat)
    client.post(f"/secretariat/users/{focal_point.id}/deactivate")
    db.session.refresh(focal_point)
    assert not focal_point.active
    login(client, focal_point)
    assert client.get("/reports/1/queries").status_code in (302, 401)  # cannot log in any more
    login(client, secretariat)
    client.post(f"/secretariat/users/{focal_point.id}/reactivate")
    db.session.refresh(focal_point)
    assert focal_point.active
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.action.like("user.%")).order_by(AuditEvent.id)
    ).all()
    assert actions == ["user.deactivate", "user.reactivate"]


def test_nobody_deactivates_themselves_and_secretariat_leaves_admins_alone(
    client, secretariat, admin
):
    login(client, secretariat)
    client.post(f"/secretariat/users/{secretariat.id}/deactivate")
    client.post(f"/secretariat/users/{admin.id}/deactivate")
    db.session.refresh(secretariat)
    db.session.refresh(admin)
    assert secretariat.active and admin.active


def test_user_list_filters_by_party_role_status_and_text(
    client, secretariat, focal_point, other_focal_point, contributor
):
    login(client, secretariat)
    page = client.get(f"/secretariat/users?party={party('MEX').id}").get_data(as_text=True)
    assert (
        "fp.a@example.org" in page
        and "contrib.a@example.org" in page
        and "fp.b@example.org" not in page
    )
    page = client.get("/secretariat/users?role=contributor").get_data(as_text=True)
    assert "contrib.a@example.org" in page and "fp.a@example.org" not in page
    page = client.get("/secretariat/users?q=ben").get_data(as_text=True)
    assert "fp.b@example.org" in page and "fp.a@example.org" not in page
    focal_point.active = False
    db.session.flush()
    page = client.get("/secretariat/users?active=0").get_data(as_text=True)
    assert "fp.a@example.org" in page and "fp.b@example.org" not in page


def test_national_users_cannot_manage_users(client, focal_point, other_focal_point):
    login(client, focal_point)
    assert client.post(f"/secretariat/users/{other_focal_point.id}/deactivate").status_code == 403
    assert (
        client.post(
            "/secretariat/users",
            data={"email": "y@example.org", "role": "focal_point", "party": str(party("MEX").id)},
        ).status_code
        == 403
    )
    db.session.refresh(other_focal_point)
    assert other_focal_point.active and _user("y@example.org") is None


def test_password_link_is_queued_in_the_outbox_and_never_shown_to_the_secretariat(
    client, app, secretariat, focal_point, monkeypatch
):
    from reporting.auth import user_for_reset_token
    from reporting.models import OutboxMessage

    monkeypatch.setitem(app.config, "MAIL_SERVER", None)
    login(client, secretariat)
    response = client.post(f"/secretariat/users/{focal_point.id}/reset-link")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    mail = db.session.scalars(select(OutboxMessage)).one()
    assert mail.purpose == "password_reset" and mail.recipients == ["fp.a@example.org"]
    link = next(line for line in mail.body.splitlines() if line.startswith("http"))
    # The link is its recipient's alone: not on the page, nor on the outbox page.
    assert mail.secret and link not in page and "/password/" not in page
    outbox = client.get("/secretariat/outbox").get_data(as_text=True)
    assert mail.subject in outbox and link not in outbox and "/password/" not in outbox
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert user_for_reset_token(token) == focal_point
    assert db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "user.reset_link")
    ).one()


def test_password_link_is_mailed_when_a_server_is_configured(
    client, app, secretariat, focal_point, monkeypatch, enqueued
):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")
    app.extensions["mailman"].outbox = []
    login(client, secretariat)
    page = client.post(f"/secretariat/users/{focal_point.id}/reset-link").get_data(as_text=True)
    assert "The link was mailed to fp.a@example.org." in page
    enqueued.run()  # what the worker does once the request committed
    [sent] = app.extensions["mailman"].outbox
    assert sent.to == ["fp.a@example.org"]


def test_no_password_link_for_a_deactivated_account(client, secretariat, focal_point):
    focal_point.active = False
    db.session.flush()
    login(client, secretariat)
    response = client.post(f"/secretariat/users/{focal_point.id}/reset-link", follow_redirects=True)
    assert "Reactivate the account before issuing a password link." in response.get_data(
        as_text=True
    )


def test_the_party_choices_are_the_un_names_in_the_pages_language(client, secretariat):
    login(client, secretariat)
    html = client.get("/secretariat/users?lang=es").get_data(as_text=True)
    assert ">Bolivia (Estado Plurinacional de)</option>" in html
    assert ">Türkiye</option>" in html
