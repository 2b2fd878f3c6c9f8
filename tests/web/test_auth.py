"""Logging in and out, and one-time password links."""

import re

import pytest
from sqlalchemy import select

from reporting.auth import issue_reset_link, reset_token, user_for_reset_token
from reporting.extensions import db as _db
from reporting.models import AuditEvent, OutboxMessage, Role

from .helpers import form_fields, login

PASSWORD = "correct horse battery"


def test_login_with_the_right_password_opens_a_session_cookie_that_scripts_cannot_read(
    client, focal_point
):
    response = client.post("/login", data={"email": " Fp.A@Example.org ", "password": PASSWORD})
    assert response.status_code == 302 and response.location == "/"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert client.get("/").status_code == 200
    assert _db.session.scalars(select(AuditEvent).where(AuditEvent.action == "user.login")).first()


@pytest.mark.parametrize(
    "email, password",
    [
        ("fp.a@example.org", "wrong password"),
        ("nobody@example.org", PASSWORD),
    ],
)
def test_a_wrong_password_or_unknown_address_gets_the_same_answer(
    client, focal_point, email, password
):
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 401
    assert "The e-mail address or the password is not correct." in response.text
    assert client.get("/").status_code == 302


def test_a_deactivated_account_cannot_log_in(client, focal_point):
    focal_point.active = False
    _db.session.commit()
    assert (
        client.post("/login", data={"email": focal_point.email, "password": PASSWORD}).status_code
        == 401
    )


def test_after_login_only_a_local_next_page_is_followed(client, focal_point):
    data = {"email": focal_point.email, "password": PASSWORD}
    assert client.post("/login", data={**data, "next": "/team/"}).location == "/team/"
    for outside in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        assert client.post("/login", data={**data, "next": outside}).location == "/"


def test_pages_ask_for_a_login_first(client, report_a):
    response = client.get(f"/reports/{report_a.id}")
    assert response.status_code == 302 and response.location.startswith("/login?next=")


def test_logout_is_a_post_and_ends_the_session(client, focal_point):
    login(client, focal_point)
    assert client.get("/logout").status_code == 405
    client.post("/logout")
    assert client.get("/").status_code == 302


def test_login_and_logout_forms_need_their_csrf_token(client, focal_point, app, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    response = client.post("/login", data={"email": focal_point.email, "password": PASSWORD})
    assert response.status_code == 400 and "expired" in response.text
    fields = form_fields(client.get("/login").text)
    fields.update({"email": focal_point.email, "password": PASSWORD})
    assert client.post("/login", data=fields).status_code == 302
    assert client.post("/logout").status_code == 400  # another site cannot log people out


def test_a_password_link_works_once(client, focal_point, request_ctx):
    link = issue_reset_link(focal_point)
    assert link.startswith("http://localhost/password/")
    path = link.removeprefix("http://localhost")
    assert "Set your password" in client.get(path).text
    response = client.post(
        path, data={"password": "a new long password", "confirm": "a new long password"}
    )
    assert response.status_code == 302 and response.location == "/login"
    assert (
        client.post(
            "/login", data={"email": focal_point.email, "password": "a new long password"}
        ).status_code
        == 302
    )
    assert client.get(path).status_code == 400  # the password changed: the link is spent


def test_a_password_must_be_long_enough_and_typed_twice_the_same(client, focal_point, request_ctx):
    path = issue_reset_link(focal_point).removeprefix("http://localhost")
    response = client.post(path, data={"password": "short", "confirm": "short"})
    assert "Use at least 10 characters." in response.text
    response = client.post(path, data={"password": "long enough one", "confirm": "long enough two"})
    assert "The two passwords are not the same." in response.text
    assert 'aria-describedby="confirm-error"' in response.text


def test_forged_expired_or_foreign_tokens_are_refused(request_ctx, focal_point, app):
    token = reset_token(focal_point)
    assert user_for_reset_token(token) == focal_point
    assert user_for_reset_token(token[:-2] + "xx") is None
    app.config["ORT_RESET_LINK_MAX_AGE"] = -1
    try:
        assert user_for_reset_token(token) is None
    finally:
        app.config["ORT_RESET_LINK_MAX_AGE"] = 7200
    focal_point.active = False
    assert user_for_reset_token(token) is None


def test_a_new_account_without_password_can_set_one_through_its_link(request_ctx, client):
    from tests.conftest import make_user

    user = make_user("new@example.org", Role.secretariat)
    user.password_hash = None
    _db.session.commit()
    path = issue_reset_link(user).removeprefix("http://localhost")
    assert (
        client.post(
            path, data={"password": "a brand new password", "confirm": "a brand new password"}
        ).status_code
        == 302
    )


def test_forgotten_password_mails_a_link_and_says_the_same_for_unknown_addresses(
    client, focal_point
):
    for email in (focal_point.email, "nobody@example.org"):
        response = client.post("/password/forgot", data={"email": email}, follow_redirects=True)
        assert "If an account exists for this address" in response.text
    messages = _db.session.scalars(select(OutboxMessage)).all()
    assert [m.recipients for m in messages] == [[focal_point.email]]
    assert re.search(r"http://localhost/password/\S+", messages[0].body)
    assert messages[0].purpose == "password_reset"


def test_repeated_login_attempts_from_one_address_are_slowed_down(app, focal_point, database_url):
    from reporting import create_app

    email = focal_point.email
    _db.session.commit()
    limited = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": True,
            "ORT_LOGIN_RATE_LIMIT": "3 per minute",
        }
    )
    client = limited.test_client()
    codes = [
        client.post("/login", data={"email": email, "password": "guess"}).status_code
        for _ in range(4)
    ]
    assert codes == [401, 401, 401, 429]
    assert (
        "Too many attempts" in client.post("/password/forgot", data={"email": "x@example.org"}).text
    )
    assert client.get("/login").status_code == 200  # reading the form is not limited
