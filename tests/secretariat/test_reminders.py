"""Reminders: chosen among Parties that have not submitted, mailed to their active focal
points (queued without a mail server), recorded and shown."""

import pytest
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import AuditEvent, OutboxMessage, OutboxStatus, Reminder, Role
from reporting.secretariat import reminders
from tests.conftest import make_user
from tests.secretariat.factories import at, login, party, report_in_state


@pytest.fixture
def cycle(short_cycle, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", None)
    report_in_state(party("MEX"), short_cycle, "accepted", [at(2023, 11, 2)])
    report_in_state(party("KEN"), short_cycle, "draft")
    report_in_state(party("FRA"), short_cycle, "returned", [at(2023, 11, 2)])
    return short_cycle


@pytest.fixture
def people(focal_point, other_focal_point, contributor):
    fra = make_user(
        "fp.fra@example.org", Role.focal_point, party("FRA"), language="fr", name="Claire"
    )
    gone = make_user("old.ken@example.org", Role.focal_point, party("KEN"), active=False)
    return {"fra": fra, "gone": gone}


def test_candidates_are_the_parties_that_have_not_submitted(cycle, people):
    found = {c.row.iso3: c for c in reminders.candidates(cycle)}
    assert "MEX" not in found  # accepted
    assert found["KEN"].row.status == "draft" and found["FRA"].row.status == "returned"
    assert found["BRA"].row.status == "not_started" and found["BRA"].focal_points == ()
    assert [u.email for u in found["KEN"].focal_points] == ["fp.b@example.org"]  # active only


def test_reminders_are_queued_without_a_mail_server_and_recorded(
    cycle, people, secretariat, request_ctx
):
    ken, fra, bra = party("KEN"), party("FRA"), party("BRA")
    made = reminders.send_reminders(
        cycle,
        [ken.id, fra.id, bra.id, party("MEX").id],
        secretariat,
        note="The COP meets in November.",
        link="http://ort.test/",
    )
    by_party = {r.party_id: r for r in made}
    assert set(by_party) == {ken.id, fra.id, bra.id}  # Mexico has submitted: skipped
    assert by_party[ken.id].recipients == ["fp.b@example.org"]
    assert by_party[ken.id].outcome == "queued" and by_party[ken.id].party_status == "draft"
    assert by_party[bra.id].outcome == "no_recipient" and by_party[bra.id].recipients == []
    mails = {m.recipients[0]: m for m in db.session.scalars(select(OutboxMessage))}
    assert set(mails) == {"fp.b@example.org", "fp.fra@example.org"}
    assert all(m.status == OutboxStatus.queued and m.purpose == "reminder" for m in mails.values())
    assert "2023-short" in mails["fp.b@example.org"].subject
    body = mails["fp.b@example.org"].body
    assert "Kenya" in body and "The COP meets in November." in body and "http://ort.test/" in body
    assert "draft" in body
    assert (
        db.session.scalar(
            select(db.func.count(AuditEvent.id)).where(AuditEvent.action == "reminder.send")
        )
        == 3
    )


def test_each_focal_point_gets_the_reminder_in_their_language(
    cycle, people, secretariat, request_ctx
):
    reminders.send_reminders(cycle, [party("FRA").id], secretariat)
    mail = db.session.scalars(select(OutboxMessage)).one()
    assert mail.recipients == ["fp.fra@example.org"]
    # the interface catalogs may not be translated yet: the mail is rendered under the
    # focal point's locale, so the date at least is French
    assert "décembre 2023" in mail.body


def test_reminders_page_lists_candidates_sends_and_shows_history(
    client, cycle, people, secretariat
):
    login(client, secretariat)
    page = client.get("/secretariat/cycles/2023-short/reminders").get_data(as_text=True)
    assert "Kenya" in page and "fp.b@example.org" in page and "Mexico" not in page
    assert "No mail server is configured" in page
    response = client.post(
        "/secretariat/cycles/2023-short/reminders",
        data={"parties": [str(party("KEN").id)], "note": ""},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "1 Party reminded." in page
    history = page[page.index('id="history"') :]
    assert "Kenya" in history and "Queued (no mail server)" in history
    assert db.session.scalars(select(Reminder)).one().created_by_id == secretariat.id


def test_sending_without_choosing_a_party_is_refused(client, cycle, secretariat):
    login(client, secretariat)
    response = client.post("/secretariat/cycles/2023-short/reminders", data={"parties": []})
    assert response.status_code == 200 and "Choose at least one Party." in response.get_data(
        as_text=True
    )
    assert db.session.scalars(select(Reminder)).all() == []


def test_reminders_are_sent_when_a_mail_server_is_configured(
    cycle, people, secretariat, app, monkeypatch, request_ctx, enqueued
):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")
    app.extensions["mailman"].outbox = []
    [made] = reminders.send_reminders(cycle, [party("KEN").id], secretariat)
    assert made.outcome == "sending"
    db.session.commit()
    enqueued.run()  # what the worker does once the request committed
    assert [m.to for m in app.extensions["mailman"].outbox] == [["fp.b@example.org"]]
