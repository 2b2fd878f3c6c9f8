"""The interface language is the user's own preference: chosen in the switcher while
logged in, it is kept on the account, used at the next log-in on any browser, and used
for the mails the user receives."""

from flask import g
from sqlalchemy import select

from reporting.auth import lockout
from reporting.extensions import db as _db
from reporting.models import OutboxMessage
from tests.web.helpers import login


def _get(client, url):
    g.pop("_login_user", None)
    return client.get(url)


def test_choosing_a_language_while_logged_in_saves_it_on_the_account(client, app, focal_point):
    assert focal_point.language is None
    login(client, focal_point)
    assert '<html lang="fr"' in _get(client, "/?lang=fr").text
    _db.session.refresh(focal_point)
    assert focal_point.language == "fr"

    # Another browser (no cookie of the first one): the account's language is used.
    other = app.test_client()
    login(other, focal_point)
    g.pop("_login_user", None)
    page = other.get("/", headers={"Accept-Language": "en"}).text
    assert '<html lang="fr"' in page


def test_a_language_chosen_before_logging_in_changes_no_account(client, focal_point):
    _get(client, "/login?lang=es")
    _db.session.refresh(focal_point)
    assert focal_point.language is None


def test_mails_to_the_user_use_the_language_chosen_in_the_switcher(client, focal_point):
    login(client, focal_point)
    _get(client, "/?lang=fr")
    _db.session.refresh(focal_point)
    for _ in range(lockout.FREE_ATTEMPTS):
        lockout.record_failure(focal_point)
    [mail] = _db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.purpose == "account_locked")
    ).all()
    assert mail.subject == "Plusieurs tentatives de connexion infructueuses à votre compte"
