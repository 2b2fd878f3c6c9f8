"""Handing over: a focal point passes the role to a colleague of the same Party, confirmed
with their password and a ticked box; the secretariat is informed, nothing waits for it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reporting.extensions import db as _db
from reporting.models import AuditEvent, OutboxMessage, Role, User
from tests.conftest import make_user

from .helpers import login

PASSWORD = "correct horse battery"  # make_user's


@pytest.fixture
def colleague(contributor):
    contributor.name = "Carla Contributor"
    return contributor


def _post(client, colleague_id, password=PASSWORD, confirm="y"):
    data = {"colleague": str(colleague_id), "password": password}
    if confirm:
        data["confirm"] = confirm
    return client.post("/team/hand-over", data=data)


def _roles(*users):
    _db.session.expire_all()
    return [
        (_db.session.get(User, u.id).role, _db.session.get(User, u.id).role_in("minamata"))
        for u in users
    ]


def test_the_focal_point_hands_over_and_the_secretariat_is_told(
    client, focal_point, colleague, secretariat, admin
):
    secretariat.language = "es"
    login(client, focal_point)
    page = client.get("/team/hand-over").text
    assert "Carla Contributor" in page
    response = _post(client, colleague.id)
    assert response.status_code == 302 and response.headers["Location"].endswith("/")
    assert _roles(colleague, focal_point) == [
        (Role.focal_point, Role.focal_point),
        (Role.contributor, Role.contributor),
    ]
    (event,) = _db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "focal_point.handover")
    ).all()
    assert (event.user_id, event.details["user_id"], event.party_id) == (
        focal_point.id,
        colleague.id,
        focal_point.party_id,
    )
    mails = {
        m.recipients[0]: m
        for m in _db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.purpose == "handover")
        )
    }
    assert set(mails) == {secretariat.email, admin.email, colleague.email}
    assert mails[secretariat.email].body.startswith("Estimado/a Sam Analyst:")  # Spanish
    assert colleague.email in mails[secretariat.email].body
    assert focal_point.email in mails[admin.email].body
    # The new focal point manages the team; the former one no longer does.
    assert client.get("/team/").status_code == 403
    login(client, colleague)
    assert client.get("/team/").status_code == 200


@pytest.mark.parametrize(
    ("case", "field_message"),
    [
        ("deactivated", "Choose an active colleague of your team."),
        ("self", "Choose an active colleague of your team."),
        ("nobody", "Choose the colleague who takes over."),
        ("not a number", "Choose an active colleague of your team."),
        ("wrong password", "The password is not correct."),
        ("no password", "Enter your password to confirm."),
        ("not confirmed", "Tick the box to confirm the handover."),
    ],
)
def test_a_refused_handover_says_why_and_changes_nothing(
    client, focal_point, colleague, party_a, case, field_message
):
    gone = make_user("gone.a@example.org", Role.contributor, party_a, active=False)
    chosen = {"deactivated": gone.id, "self": focal_point.id, "nobody": "", "not a number": "x"}
    login(client, focal_point)
    response = _post(
        client,
        chosen.get(case, colleague.id),
        password={"wrong password": "guess", "no password": ""}.get(case, PASSWORD),
        confirm="" if case == "not confirmed" else "y",
    )
    assert response.status_code == 400 and field_message in response.text
    assert _roles(focal_point, colleague) == [
        (Role.focal_point, Role.focal_point),
        (Role.contributor, Role.contributor),
    ]
    assert not _db.session.scalars(select(OutboxMessage)).all()
    if case in ("wrong password", "not confirmed"):  # the colleague chosen stays chosen
        assert f'<option selected value="{colleague.id}">' in response.text


def test_never_to_another_partys_user(client, focal_point, other_focal_point, party_b):
    other = make_user("co.b@example.org", Role.contributor, party_b, name="Other Party")
    login(client, focal_point)
    assert "Other Party" not in client.get("/team/hand-over").text
    for user in (other, other_focal_point):
        assert _post(client, user.id).status_code == 404
    assert _roles(focal_point, other) == [
        (Role.focal_point, Role.focal_point),
        (Role.contributor, Role.contributor),
    ]


def test_a_deactivated_colleague_is_not_offered(client, focal_point, party_a):
    make_user("gone.a@example.org", Role.contributor, party_a, active=False, name="Gone Gina")
    login(client, focal_point)
    page = client.get("/team/hand-over").text
    assert "Gone Gina" not in page and "No colleague can take over yet" in page


def test_only_the_focal_point_hands_over(client, colleague, focal_point, secretariat):
    for user in (colleague, secretariat):
        login(client, user)
        assert client.get("/team/hand-over").status_code == 403
        assert _post(client, focal_point.id).status_code == 403
    assert _roles(focal_point) == [(Role.focal_point, Role.focal_point)]


def test_the_handover_needs_the_csrf_token(app, client, focal_point, colleague, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    login(client, focal_point)
    assert _post(client, colleague.id).status_code == 400
    assert _roles(focal_point) == [(Role.focal_point, Role.focal_point)]


def test_the_party_keeps_one_focal_point_after_handing_over_twice(client, focal_point, colleague):
    login(client, focal_point)
    _post(client, colleague.id)
    login(client, colleague)
    assert _post(client, focal_point.id).status_code == 302  # and back
    _db.session.expire_all()
    focal_points = _db.session.scalars(
        select(User).where(User.party_id == focal_point.party_id, User.role == Role.focal_point)
    ).all()
    assert [u.id for u in focal_points] == [focal_point.id]
