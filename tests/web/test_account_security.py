"""Account takeover paths, closed: sessions that end, one short-lived password link at a
time, safe redirects, per-account lockout, links never shown to anyone but their owner."""

import time
from datetime import timedelta

import pytest
from flask import Flask, g, request
from itsdangerous import TimestampSigner
from sqlalchemy import select

from reporting import init_proxy
from reporting.auth import issue_reset_link, lockout, user_for_reset_token
from reporting.auth.sessions import session_values
from reporting.extensions import db as _db
from reporting.models import AuditEvent, OutboxMessage, Role
from reporting.models.types import utcnow
from reporting.redirects import is_safe_path

from ..conftest import make_user
from .helpers import form_fields

PASSWORD = "correct horse battery"


def _log_in(client, user, **data):
    g.pop("_login_user", None)
    return client.post("/login", data={"email": user.email, "password": PASSWORD, **data})


def _home_status(client) -> int:
    g.pop("_login_user", None)
    return client.get("/").status_code


def _copy_cookies(source, target):
    for cookie in source._cookies.values():
        target.set_cookie(cookie.key, cookie.value, domain=cookie.domain, path=cookie.path)


@pytest.fixture
def second_client(app):
    from ..conftest import _Client

    return _Client(app, app.response_class, use_cookies=True)


def test_logout_ends_every_session_of_the_user_even_a_copied_cookie(
    client, second_client, focal_point
):
    assert _log_in(client, focal_point).status_code == 302
    _copy_cookies(client, second_client)  # the same session on another device (or stolen)
    assert _home_status(second_client) == 200
    client.post("/logout")
    assert _home_status(client) == 302
    assert _home_status(second_client) == 302  # the old cookie alone is no session


def test_a_new_password_and_a_deactivation_end_the_users_sessions(
    client, second_client, focal_point, secretariat, request_ctx
):
    _log_in(client, focal_point)
    assert _home_status(client) == 200
    path = issue_reset_link(focal_point).removeprefix("http://localhost")
    second_client.post(
        path, data={"password": "a new long password", "confirm": "a new long password"}
    )
    assert _home_status(client) == 302

    g.pop("_login_user", None)
    client.post("/login", data={"email": focal_point.email, "password": "a new long password"})
    assert _home_status(client) == 200
    from reporting.secretariat.users import set_active

    set_active(secretariat, focal_point, False)
    _db.session.flush()
    assert _home_status(client) == 302


def test_a_session_ends_after_the_idle_timeout_and_after_its_absolute_lifetime(
    client, focal_point, app, monkeypatch
):
    _log_in(client, focal_point)
    assert _home_status(client) == 200
    monkeypatch.setitem(app.config, "PERMANENT_SESSION_LIFETIME", timedelta(seconds=-1))
    assert _home_status(client) == 302  # the signed cookie is older than the idle limit
    monkeypatch.undo()

    with client.session_transaction() as session:
        session.update(session_values(focal_point, now=time.time() - 13 * 3600))
    assert _home_status(client) == 302  # refreshed on every request, but 13 h since log-in
    with client.session_transaction() as session:
        session.update(session_values(focal_point, now=time.time() - 11 * 3600))
    assert _home_status(client) == 200
    assert app.config["ORT_SESSION_IDLE_MINUTES"] == 120
    assert app.permanent_session_lifetime == timedelta(hours=2)


@pytest.mark.parametrize(
    "target",
    [
        "/\t/evil.example",
        "/%09/evil.example".replace("%09", "\t"),
        "//evil.example",
        "/\\evil.example",
        "https://evil.example/",
        "/\r\n/x",
        "/ /evil.example",
        "javascript:alert(1)",
        "/\x00/x",
        "",
        None,
    ],
)
def test_unsafe_redirect_targets_are_refused(target):
    assert not is_safe_path(target)


@pytest.mark.parametrize("target", ["/", "/reports/12/pages/art3?x=1#q", "/%09/x"])
def test_paths_on_this_site_are_safe(target):
    assert is_safe_path(target)


@pytest.mark.parametrize("target", ["/\t/evil.example", "/\r\n/x", "//evil.example"])
def test_login_never_redirects_to_another_site_nor_fails(client, focal_point, target):
    response = _log_in(client, focal_point, next=target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    g.pop("_login_user", None)
    client.post("/logout")
    page = client.get("/login", query_string={"next": target})
    assert page.status_code == 200 and form_fields(page.text)["next"] == ""


def test_the_secretariats_back_parameter_goes_through_the_same_check(
    client, secretariat, focal_point
):
    from ..secretariat.factories import login

    login(client, secretariat)
    response = client.post(
        f"/secretariat/users/{focal_point.id}/deactivate", data={"back": "/\t/evil.example"}
    )
    assert response.status_code == 302 and response.headers["Location"] == "/secretariat/users"


def test_repeated_failures_lock_the_account_progressively_and_tell_its_owner(
    client, focal_point, app
):
    for _ in range(lockout.FREE_ATTEMPTS):
        assert _log_in(client, focal_point, password="wrong guess").status_code == 401
    # Locked: even the right password is refused, without being checked.
    response = _log_in(client, focal_point)
    assert response.status_code == 429 and "Too many failed attempts" in response.text
    _db.session.refresh(focal_point)
    first_lock = focal_point.locked_until - utcnow()
    assert timedelta(seconds=50) < first_lock <= lockout.FIRST_LOCK
    [mail] = _db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.purpose == "account_locked")
    ).all()
    assert mail.recipients == [focal_point.email] and not mail.secret

    focal_point.locked_until = utcnow() - timedelta(seconds=1)  # the lock has run out
    _db.session.flush()
    assert _log_in(client, focal_point, password="wrong again").status_code == 401
    _db.session.refresh(focal_point)
    assert focal_point.locked_until - utcnow() > timedelta(seconds=110)  # twice as long
    assert len(_db.session.scalars(select(OutboxMessage)).all()) == 1  # one mail per lock

    focal_point.locked_until = None
    _db.session.flush()
    assert _log_in(client, focal_point).status_code == 302
    _db.session.refresh(focal_point)
    assert focal_point.failed_logins == 0
    actions = _db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.user_id == focal_point.id)
    ).all()
    assert actions.count("user.login_failed") == 6 and "user.login_refused" in actions


def test_a_lock_never_exceeds_an_hour(request_ctx, focal_point):
    focal_point.failed_logins = 40
    _db.session.flush()
    lockout.record_failure(focal_point)
    assert focal_point.locked_until - utcnow() <= lockout.MAX_LOCK


def test_a_new_password_lifts_the_lock(client, focal_point, request_ctx):
    focal_point.failed_logins, focal_point.locked_until = 9, utcnow() + timedelta(hours=1)
    path = issue_reset_link(focal_point).removeprefix("http://localhost")
    client.post(path, data={"password": "a new long password", "confirm": "a new long password"})
    g.pop("_login_user", None)
    assert (
        client.post(
            "/login", data={"email": focal_point.email, "password": "a new long password"}
        ).status_code
        == 302
    )


def test_only_the_newest_password_link_works_and_only_once(client, focal_point, request_ctx):
    first = issue_reset_link(focal_point).removeprefix("http://localhost")
    second = issue_reset_link(focal_point).removeprefix("http://localhost")
    assert client.get(first).status_code == 400
    assert client.get(second).status_code == 200
    client.post(second, data={"password": "a new long password", "confirm": "a new long password"})
    assert client.get(second).status_code == 400


def test_password_links_expire_in_hours_invitations_in_a_day(focal_point, request_ctx, monkeypatch):
    def issued_ago(seconds):
        now = int(time.time())
        monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: now - seconds)
        token = issue_reset_link(focal_point).rsplit("/", 1)[-1]
        monkeypatch.undo()
        return token

    assert user_for_reset_token(issued_ago(3600)) == focal_point
    assert user_for_reset_token(issued_ago(3 * 3600)) is None  # a reset link: two hours
    focal_point.password_hash = None  # a new account: its first link is an invitation
    assert user_for_reset_token(issued_ago(20 * 3600)) == focal_point
    assert user_for_reset_token(issued_ago(25 * 3600)) is None


def test_the_secretariat_cannot_issue_a_password_link_for_an_administrator(client, secretariat):
    from ..secretariat.factories import login

    admin = make_user("root@example.org", Role.admin)
    login(client, secretariat)
    client.post(f"/secretariat/users/{admin.id}/reset-link")
    assert _db.session.scalars(select(OutboxMessage)).all() == []
    assert admin.reset_nonce is None


def test_an_administrator_may_issue_one_for_another_administrator(client, admin):
    from ..secretariat.factories import login

    other = make_user("root@example.org", Role.admin)
    login(client, admin)
    assert client.post(f"/secretariat/users/{other.id}/reset-link").status_code == 200
    assert _db.session.scalars(select(OutboxMessage)).one().recipients == [other.email]


def test_a_password_link_asked_for_on_the_public_form_never_shows_on_the_outbox_page(
    client, secretariat, focal_point, app, monkeypatch
):
    from ..secretariat.factories import login

    monkeypatch.setitem(app.config, "MAIL_SERVER", None)
    client.post("/password/forgot", data={"email": focal_point.email})
    mail = _db.session.scalars(select(OutboxMessage)).one()
    assert mail.secret
    login(client, secretariat)
    page = client.get("/secretariat/outbox").text
    assert mail.subject in page and "/password/" not in page


def test_an_operator_reads_a_queued_mail_on_the_command_line(app, focal_point, request_ctx):
    from reporting.mail import send_mail

    message = send_mail(
        [focal_point.email],
        "Subject",
        "Open http://x/password/abc",
        purpose="password_reset",
        secret=True,
    )
    result = app.test_cli_runner().invoke(args=["ort", "mail", "show", str(message.id)])
    assert result.exit_code == 0 and "http://x/password/abc" in result.output


def test_behind_a_declared_proxy_the_real_client_address_is_seen():
    def make(hops):
        app = Flask(__name__)
        app.config["ORT_TRUSTED_PROXIES"] = hops
        init_proxy(app)
        app.add_url_rule("/ip", "ip", lambda: request.remote_addr or "")
        return app.test_client()

    headers = {"X-Forwarded-For": "203.0.113.7"}
    assert (
        make(1).get("/ip", headers=headers, environ_base={"REMOTE_ADDR": "10.0.0.2"}).text
        == "203.0.113.7"
    )
    # Without a declared proxy the header is anyone's to forge: ignored.
    assert (
        make(0).get("/ip", headers=headers, environ_base={"REMOTE_ADDR": "10.0.0.2"}).text
        == "10.0.0.2"
    )


def test_the_audit_trail_is_append_only(request_ctx, focal_point):
    from reporting import audit

    event = audit.record("user.login", focal_point)
    _db.session.flush()
    statements = ["UPDATE audit_event SET action = 'x'", "DELETE FROM audit_event"]
    if _db.engine.dialect.name == "postgresql":
        statements.append("TRUNCATE audit_event")
        statements.append("TRUNCATE submission CASCADE")
    for statement in statements:
        with pytest.raises(Exception, match="append-only"):
            with _db.session.begin_nested():
                _db.session.execute(_db.text(statement))
    assert _db.session.get(AuditEvent, event.id).action == "user.login"


def test_a_nul_in_the_browsers_name_is_recorded_harmlessly(client, focal_point):
    response = client.post(
        "/login",
        data={"email": focal_point.email, "password": PASSWORD},
        headers={"User-Agent": "Evil\x00Agent"},
    )
    assert response.status_code == 302
    event = _db.session.scalars(select(AuditEvent).where(AuditEvent.action == "user.login")).one()
    assert event.user_agent == "Evil\ufffdAgent"
