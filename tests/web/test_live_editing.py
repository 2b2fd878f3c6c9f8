"""Two people on the same page: each sees who else has it open (a poll kept in a cache,
never in the database); a save that would overwrite a colleague's newer answer shows both
and lets the user choose (without JavaScript too); the autosave's JSON answer keeps the
page consistent with what is stored, and nothing typed is lost."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from reporting.extensions import db as _db
from reporting.extensions import presence_cache
from reporting.models import AuditEvent, Report, Role
from reporting.reports import presence
from reporting.reports.answers import save_answers
from tests.conftest import _Client, make_user

from .helpers import form_fields, login, reload
from .test_saving import _page, _stored

AUTOSAVE = {"X-ORT-Autosave": "1"}


@pytest.fixture(autouse=True)
def _empty_presence():
    presence_cache.clear()


@pytest.fixture
def colleague(party_a):
    return make_user("colleague.a@example.org", Role.contributor, party_a, name="Carla Colleague")


def _second_client(app, user):
    """Another browser, logged in as `user`."""
    client = _Client(app, app.response_class, use_cookies=True)
    login(client, user)
    return client


def _presence(client, report, key="art1", **data):
    return client.post(f"/reports/{report.id}/pages/{key}/presence", data=data)


def _colleague_saves(report, fmt, user, answers):
    """A colleague's save, committed while the page is open elsewhere (the lock moves)."""
    save_answers(report, fmt, answers, user)
    _db.session.execute(
        update(Report).where(Report.id == report.id).values(lock_version=Report.lock_version + 1)
    )
    _db.session.commit()


# Presence


def test_two_users_on_a_page_see_each_other_by_name(app, fp_client, colleague, tiny_report):
    assert _presence(fp_client, tiny_report).json == {"others": []}
    other = _second_client(app, colleague)
    seen = _presence(other, tiny_report).json["others"]
    assert [o["name"] for o in seen] == ["Ana Focal"]
    assert seen[0]["since"].endswith("Z")
    assert [o["name"] for o in _presence(fp_client, tiny_report).json["others"]] == [
        "Carla Colleague"
    ]
    assert "@" not in str(seen)  # display names, never e-mails
    # Another page of the same report is another room.
    assert _presence(fp_client, tiny_report, "art2").json == {"others": []}


def test_presence_writes_nothing_to_the_database(fp_client, tiny_report):
    before = _db.session.scalar(select(func.count()).select_from(AuditEvent))
    _presence(fp_client, tiny_report)
    assert _db.session.scalar(select(func.count()).select_from(AuditEvent)) == before
    assert presence_cache.get(f"{tiny_report.id}:art1")


def test_a_user_who_stops_polling_is_gone_after_the_ttl(
    app, fp_client, colleague, tiny_report, monkeypatch
):
    clock = [1_000_000.0]
    monkeypatch.setattr(presence, "_now", lambda: clock[0])
    _presence(fp_client, tiny_report)
    other = _second_client(app, colleague)
    clock[0] += presence.PRESENCE_SECONDS - 5
    assert len(_presence(other, tiny_report).json["others"]) == 1
    clock[0] += 10  # the focal point's last poll is now too old
    assert _presence(other, tiny_report).json["others"] == []


def test_leaving_the_page_ends_the_visit_soon_but_a_quick_return_keeps_its_start(
    app, fp_client, colleague, tiny_report, monkeypatch
):
    clock = [1_000_000.0]
    monkeypatch.setattr(presence, "_now", lambda: clock[0])
    _presence(fp_client, tiny_report)
    other = _second_client(app, colleague)
    since = _presence(other, tiny_report).json["others"][0]["since"]
    _presence(fp_client, tiny_report, leave="1")  # the page is posted (saved) and shown again
    clock[0] += 2
    _presence(fp_client, tiny_report)
    assert _presence(other, tiny_report).json["others"][0]["since"] == since
    _presence(fp_client, tiny_report, leave="1")  # closed for good
    clock[0] += presence.LEAVE_SECONDS + 1
    assert _presence(other, tiny_report).json["others"] == []


def test_presence_is_hidden_from_another_party_and_needs_a_login(
    app, client, fp_client, other_focal_point, tiny_report
):
    _presence(fp_client, tiny_report)
    stranger = _second_client(app, other_focal_point)
    assert _presence(stranger, tiny_report).status_code == 404
    anonymous = _Client(app, app.response_class, use_cookies=True)
    response = _presence(anonymous, tiny_report)
    assert response.status_code == 302 and "/login" in response.location
    assert _presence(fp_client, tiny_report, "no-such-page").status_code == 404


def test_the_secretariat_viewing_a_page_is_not_shown_to_the_party(
    app, fp_client, secretariat, tiny_report
):
    staff = _second_client(app, secretariat)
    assert _presence(staff, tiny_report).json["others"] == []  # the Party's own, not shown
    assert _presence(fp_client, tiny_report).json["others"] == []


def test_the_page_carries_the_presence_and_autosave_hooks(fp_client, tiny_report):
    page = _page(fp_client, tiny_report).text
    assert f'data-presence-url="/reports/{tiny_report.id}/pages/art1/presence"' in page
    assert "js/presence-" in page and "js/autosave-" in page
    assert "data-autosave" in page and 'data-saved="Saved at {time}"' in page


# Autosave


def _autosave(client, report, changes, key="art1", fields=None):
    fields = dict(fields or form_fields(_page(client, report, key).text))
    fields.update(changes)
    return client.post(f"/reports/{report.id}/pages/{key}", data=fields, headers=AUTOSAVE)


def test_an_autosave_answers_with_what_it_saved_and_the_new_lock(fp_client, tiny_report):
    fields = form_fields(_page(fp_client, tiny_report).text)
    response = _autosave(fp_client, tiny_report, {"q.art1.note-value": "draft"}, fields=fields)
    assert response.status_code == 200 and response.is_json
    answer = response.json
    assert answer["saved"] == ["art1.note"]
    assert answer["lock_version"] == str(reload(tiny_report).lock_version)
    assert answer["lock_version"] != fields["lock_version"]
    assert set(answer["originals"]) == {"q.art1.note-original"}
    assert answer["conflicts"] == [] and answer["problems"] == []
    assert _stored(tiny_report, "art1.note")["value"] == "draft"
    # The page takes in the answer; the next autosave does not conflict with this one.
    fields.update({"q.art1.note-value": "draft 2", "lock_version": answer["lock_version"]})
    fields.update(answer["originals"])
    again = _autosave(fp_client, tiny_report, {}, fields=fields).json
    assert again["saved"] == ["art1.note"] and again["conflicts"] == []
    assert _stored(tiny_report, "art1.note")["value"] == "draft 2"
    # No flash message is left for the next page.
    assert "Saved." not in _page(fp_client, tiny_report).text


def test_a_bad_value_is_saved_as_typed_and_named_as_a_problem(fp_client, tiny_report):
    answer = _autosave(fp_client, tiny_report, {"q.art1.count-value": "about twelve"}).json
    assert answer["saved"] == ["art1.count"]
    assert [p["key"] for p in answer["problems"]] == ["art1.count"]
    assert answer["problems"][0]["field"] == "q.art1.count" and answer["problems"][0]["message"]
    assert answer["problems"][0]["label"].startswith("7 Count")
    assert _stored(tiny_report, "art1.count")["invalid"]
    assert 'value="about twelve"' in _page(fp_client, tiny_report).text


def test_an_autosave_over_a_colleagues_newer_answer_is_a_conflict_and_writes_nothing(
    request_ctx, fp_client, contributor, tiny_report, tiny_format
):
    fields = form_fields(_page(fp_client, tiny_report).text)
    _colleague_saves(tiny_report, tiny_format, contributor, {"art1.note": {"value": "theirs"}})
    fields.update({"q.art1.note-value": "mine", "q.art1.count-value": "7"})
    answer = _autosave(fp_client, tiny_report, {}, fields=fields).json
    assert answer["saved"] == ["art1.count"]  # the rest is merged
    assert [c["key"] for c in answer["conflicts"]] == ["art1.note"]
    assert _stored(tiny_report, "art1.note")["value"] == "theirs"
    # The Save button then shows both versions (the autosave did not "see" theirs).
    fields.update({"lock_version": answer["lock_version"], **answer["originals"], "save": ""})
    response = fp_client.post(f"/reports/{tiny_report.id}/pages/art1", data=fields)
    assert response.status_code == 409
    assert 'value="mine"' in response.text and "theirs" in response.text


def test_an_autosave_refused_or_racing_answers_in_json_and_keeps_nothing_half_done(
    fp_client, tiny_report, monkeypatch
):
    from reporting.web import editing

    real = editing.load_answers

    def load_then_colleague_commits(report, fmt, **options):
        answers = real(report, fmt, **options)
        _db.session.execute(
            update(Report)
            .where(Report.id == report.id)
            .values(lock_version=Report.lock_version + 1)
            .execution_options(synchronize_session=False)
        )
        return answers

    fields = form_fields(_page(fp_client, tiny_report).text)
    monkeypatch.setattr(editing, "load_answers", load_then_colleague_commits)
    response = _autosave(fp_client, tiny_report, {"q.art1.note-value": "typed"}, fields=fields)
    assert response.status_code == 409 and response.json["retry"] is True
    assert response.json["message"]
    monkeypatch.setattr(editing, "load_answers", real)
    assert (_stored(tiny_report, "art1.note") or {}).get("value") is None


def test_an_autosave_with_an_expired_form_answers_in_json(app, focal_point, tiny_report):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        client = app.test_client()
        login(client, focal_point)
        response = client.post(
            f"/reports/{tiny_report.id}/pages/art1",
            data={"q.art1.note-value": "typed", "csrf_token": "stale"},
            headers=AUTOSAVE,
        )
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 400 and response.is_json
    assert response.json["retry"] is False and response.json["message"]


def test_an_autosave_when_the_database_is_down_asks_to_retry(fp_client, tiny_report, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from reporting.web import reports

    def down(*args, **kwargs):
        raise OperationalError("UPDATE", {}, Exception("connection refused"))

    fields = form_fields(_page(fp_client, tiny_report).text)
    monkeypatch.setattr(reports, "save_page", down)
    response = _autosave(fp_client, tiny_report, {"q.art1.note-value": "typed"}, fields=fields)
    assert response.status_code == 503 and response.json["retry"] is True


def test_an_autosave_never_touches_a_file(fp_client, tiny_report):
    from io import BytesIO

    page = fp_client.post(
        f"/reports/{tiny_report.id}/pages/art1",
        data={
            **form_fields(_page(fp_client, tiny_report).text),
            "q.art1.file-value-upload": (BytesIO(b"%PDF-1.4 data"), "plan.pdf"),
            "save": "",
        },
        content_type="multipart/form-data",
    )
    assert page.status_code == 302
    token = _stored(tiny_report, "art1.file")["value"]
    # What autosave.js posts: the file's current token, no upload and no "remove".
    answer = _autosave(fp_client, tiny_report, {"q.art1.note-value": "n"}).json
    assert answer["saved"] == ["art1.note"]
    assert _stored(tiny_report, "art1.file")["value"] == token


# Choosing between two versions (without JavaScript)


def _conflict_page(client, report, fmt, colleague, mine="mine"):
    fields = form_fields(_page(client, report).text)
    _colleague_saves(report, fmt, colleague, {"art1.note": {"value": "theirs"}})
    fields.update({"q.art1.note-value": mine, "save": ""})
    response = client.post(f"/reports/{report.id}/pages/art1", data=fields)
    assert response.status_code == 409
    return response


def test_a_conflict_shows_both_versions_who_saved_theirs_and_the_choice(
    request_ctx, fp_client, colleague, tiny_report, tiny_format
):
    page = _conflict_page(fp_client, tiny_report, tiny_format, colleague).text
    assert 'value="mine"' in page  # mine, as typed, in the field
    assert "Carla Colleague changed this answer" in page and "theirs" in page
    assert 'name="resolve.art1.note" type="radio" value="mine"' in page
    assert 'name="resolve.art1.note" type="radio" value="theirs"' in page
    assert 'name="conflict" value="art1.note"' in page


def test_saving_without_choosing_keeps_both_and_asks_again(
    request_ctx, fp_client, colleague, tiny_report, tiny_format
):
    page = _conflict_page(fp_client, tiny_report, tiny_format, colleague).text
    again = form_fields(page) | {"save": ""}
    response = fp_client.post(f"/reports/{tiny_report.id}/pages/art1", data=again)
    assert response.status_code == 409
    assert "choose which version to keep" in response.text
    assert 'value="mine"' in response.text and "theirs" in response.text
    assert _stored(tiny_report, "art1.note")["value"] == "theirs"


def test_keep_mine_saves_mine_over_theirs(
    request_ctx, fp_client, colleague, tiny_report, tiny_format
):
    page = _conflict_page(fp_client, tiny_report, tiny_format, colleague).text
    again = form_fields(page) | {"resolve.art1.note": "mine", "save": ""}
    assert fp_client.post(f"/reports/{tiny_report.id}/pages/art1", data=again).status_code == 302
    assert _stored(tiny_report, "art1.note")["value"] == "mine"


def test_keep_theirs_drops_mine(request_ctx, fp_client, colleague, tiny_report, tiny_format):
    page = _conflict_page(fp_client, tiny_report, tiny_format, colleague).text
    again = form_fields(page) | {"resolve.art1.note": "theirs", "save": ""}
    response = fp_client.post(f"/reports/{tiny_report.id}/pages/art1", data=again)
    assert response.status_code == 302
    assert _stored(tiny_report, "art1.note")["value"] == "theirs"
    assert 'value="theirs"' in fp_client.get(response.location).text


def test_keep_mine_over_a_third_persons_newer_save_is_a_conflict_again(
    request_ctx, fp_client, colleague, contributor, tiny_report, tiny_format
):
    page = _conflict_page(fp_client, tiny_report, tiny_format, colleague).text
    _colleague_saves(tiny_report, tiny_format, contributor, {"art1.note": {"value": "third"}})
    again = form_fields(page) | {"resolve.art1.note": "mine", "save": ""}
    response = fp_client.post(f"/reports/{tiny_report.id}/pages/art1", data=again)
    assert response.status_code == 409
    assert 'value="mine"' in response.text and "third" in response.text
    assert _stored(tiny_report, "art1.note")["value"] == "third"


def test_an_autosave_without_a_session_answers_in_json_and_leaves_no_message(
    app, fp_client, tiny_report
):
    fields = form_fields(_page(fp_client, tiny_report).text)
    anonymous = _Client(app, app.response_class, use_cookies=True)
    response = _autosave(anonymous, tiny_report, {"q.art1.note-value": "typed"}, fields=fields)
    assert response.status_code == 401 and response.is_json
    assert response.json["message"] and response.json["retry"] is False
    with anonymous.session_transaction() as session:
        assert not session.get("_flashes")


def test_a_presence_poll_without_the_csrf_token_is_refused(app, focal_point, tiny_report):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        client = _second_client(app, focal_point)
        assert _presence(client, tiny_report).status_code == 400
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert not presence_cache.get(f"{tiny_report.id}:art1")
