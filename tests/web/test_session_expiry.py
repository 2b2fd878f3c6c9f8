"""A session that expires while someone types does not cost them the page."""

import re

from sqlalchemy import select

from reporting.extensions import db as _db
from reporting.models import Answer

from .helpers import form_fields, login, logout

SAME_ORIGIN = {"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}


def _typed_page(client, report_id):
    fields = form_fields(client.get(f"/reports/{report_id}/pages/art3").text)
    fields.update(
        {
            "q.art3.primary_mining-value": "yes",
            "q.art3.stocks.details-value": "Typed for an hour",
            "save": "",
        }
    )
    return fields


def _answer(report_id, key):
    _db.session.expire_all()
    return _db.session.scalars(
        select(Answer).where(Answer.report_id == report_id, Answer.question_key == key)
    ).first()


def _replay_form(html):
    form = re.search(r'<form id="replay" method="post" action="([^"]+)".*?</form>', html, re.S)
    return form.group(1), form_fields(form.group(0))


def test_a_save_after_the_session_expired_goes_through_after_logging_in(
    client, focal_point, report_a
):
    report_id = report_a.id
    login(client, focal_point)
    fields = _typed_page(client, report_id)
    logout(client)  # the session expires while the page is open
    response = client.post(f"/reports/{report_id}/pages/art3", data=fields, headers=SAME_ORIGIN)
    assert response.status_code == 401 and "Log in" in response.text
    assert "what you typed is kept" in response.text
    login_fields = form_fields(response.text)
    assert login_fields["replay"] and "Typed for an hour" not in response.text  # signed, opaque
    login_fields.update({"email": focal_point.email, "password": "correct horse battery"})
    response = client.post("/login", data=login_fields, headers=SAME_ORIGIN)
    assert response.status_code == 200 and 'data-autosubmit="true"' in response.text
    action, replayed = _replay_form(response.text)
    assert action == f"/reports/{report_id}/pages/art3" and replayed["_replay"] == "save"
    response = client.post(action, data=replayed, headers=SAME_ORIGIN)
    assert response.status_code == 302
    assert _answer(report_id, "art3.stocks.details").value_text == "Typed for an hour"
    assert "your answers are saved" in client.get(response.location).text


def test_values_posted_from_another_site_are_only_shown_back_not_saved(
    client, focal_point, report_a
):
    report_id = report_a.id
    login(client, focal_point)
    fields = _typed_page(client, report_id)
    logout(client)
    elsewhere = {"Origin": "https://attacker.example", "Sec-Fetch-Site": "cross-site"}
    response = client.post(f"/reports/{report_id}/pages/art3", data=fields, headers=elsewhere)
    login_fields = form_fields(response.text)
    login_fields.update({"email": focal_point.email, "password": "correct horse battery"})
    response = client.post("/login", data=login_fields, headers=SAME_ORIGIN)
    assert "data-autosubmit" not in response.text
    action, replayed = _replay_form(response.text)
    assert replayed["_replay"] == "review"
    page = client.post(action, data=replayed, headers=SAME_ORIGIN)
    assert page.status_code == 200 and "have not been saved yet" in page.text
    assert "Typed for an hour" in page.text  # shown back in the field, never a blank form
    assert _answer(report_id, "art3.stocks.details") is None


def test_a_tampered_replay_is_ignored(client, focal_point, report_a):
    response = client.post(
        "/login",
        data={
            "email": focal_point.email,
            "password": "correct horse battery",
            "replay": "forged.value.here",
        },
    )
    assert response.status_code == 302 and response.location == "/"


def test_an_expired_form_of_a_logged_in_user_is_shown_back(
    client, focal_point, report_a, app, monkeypatch
):
    report_id = report_a.id
    login(client, focal_point)
    fields = _typed_page(client, report_id)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    fields["csrf_token"] = "stale"
    response = client.post(f"/reports/{report_id}/pages/art3", data=fields)
    assert response.status_code == 400
    assert "Typed for an hour" in response.text and "check them and save again" in response.text
    assert _answer(report_id, "art3.stocks.details") is None
    # The page shown back carries a fresh token: saving it now works.
    again = form_fields(response.text)
    again["save"] = ""
    assert client.post(f"/reports/{report_id}/pages/art3", data=again).status_code == 302
    assert _answer(report_id, "art3.stocks.details").value_text == "Typed for an hour"


def test_with_csrf_on_an_expired_session_still_leads_to_the_replaying_login(
    client, focal_point, report_a, app, monkeypatch
):
    report_id = report_a.id
    login(client, focal_point)
    fields = _typed_page(client, report_id)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    logout(client)
    response = client.post(f"/reports/{report_id}/pages/art3", data=fields, headers=SAME_ORIGIN)
    assert response.status_code == 401
    login_fields = form_fields(response.text)
    login_fields.update({"email": focal_point.email, "password": "correct horse battery"})
    response = client.post("/login", data=login_fields, headers=SAME_ORIGIN)
    action, replayed = _replay_form(response.text)
    assert client.post(action, data=replayed, headers=SAME_ORIGIN).status_code == 302
    assert _answer(report_id, "art3.stocks.details").value_text == "Typed for an hour"
