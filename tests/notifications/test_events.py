"""Each notification once, to the right people, in their language, with a link."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from reporting import notifications
from reporting.extensions import db
from reporting.models import Notification, OutboxMessage, Role
from reporting.models.types import utcnow
from reporting.queries import threads
from reporting.reports import workflow
from reporting.reports.versions import submission_of
from reporting.tasks.notifications import due_publications, notify_publications
from tests.conftest import make_user
from tests.secretariat.factories import filled_report, submitted_report


@pytest.fixture
def people(party_a, party_b, focal_point, contributor, other_focal_point, secretariat, admin):
    """Everyone, with the ones who must never be told: inactive users, Party B."""
    focal_point.language = "fr"
    secretariat.language = "es"
    return {
        "fp": focal_point,
        "co": contributor,
        "fp_b": other_focal_point,
        "sec": secretariat,
        "admin": admin,
        "sec_gone": make_user("gone.sec@example.org", Role.secretariat, active=False),
        "co_gone": make_user("gone.co@example.org", Role.contributor, party_a, active=False),
    }


@pytest.fixture
def report(request_ctx, people, party_a, short_cycle):
    return submitted_report(party_a, short_cycle, people["fp"])


# The sweep runs as the function of its task (`.run()`): calling the task object would
# enter the application context of whichever app Celery last bound (tests/tasks make their
# own), not this test's.


def told(kind, report=None):
    query = select(Notification).where(Notification.kind == kind)
    if report is not None:
        query = query.where(Notification.report_id == report.id)
    return db.session.scalars(query.order_by(Notification.id)).all()


def recipients(kind, report):
    return sorted(n.user.email for n in told(kind, report))


def mails_to(email):
    return [
        m
        for m in db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        if m.recipients == [email] and m.purpose == "notification"
    ]


def test_a_submission_tells_the_active_secretariat_once_in_their_language(report, people):
    assert recipients("report.submitted", report) == ["admin@example.org", "analyst@example.org"]
    (mail,) = mails_to("analyst@example.org")
    assert mail.body.startswith("Estimado/a Sam Analyst:")  # Spanish, the analyst's language
    assert f"/secretariat/reports/{report.id}" in mail.body and "http://" in mail.body
    # The same event again (a retried request, a second call) tells no one twice.
    notifications.report_submitted(report, submission_of(report, 1), people["fp"])
    assert len(told("report.submitted", report)) == 2
    assert len(mails_to("analyst@example.org")) == 1


def test_a_new_version_is_a_new_event(report, people):
    workflow.return_for_revision(report, people["sec"], "Please check Article 3.")
    workflow.submit(report, people["fp"])
    versions = sorted(
        (n.user.email, n.details["version"]) for n in told("report.submitted", report)
    )
    assert versions == [
        ("admin@example.org", 1),
        ("admin@example.org", 2),
        ("analyst@example.org", 1),
        ("analyst@example.org", 2),
    ]


def test_a_query_tells_the_partys_active_people_with_a_link_to_the_question(report, people):
    query = threads.ask(report, people["sec"], "art3.exports", "Which countries?")
    assert recipients("query.asked", report) == ["contrib.a@example.org", "fp.a@example.org"]
    assert {n.query_id for n in told("query.asked", report)} == {query.id}
    (mail,) = mails_to("fp.a@example.org")
    # French: the focal point's language (the greeting is in the catalog).
    assert mail.body.startswith("Bonjour Ana Focal,")
    assert "Which countries?" in mail.body
    assert (
        f"http://localhost/reports/{report.id}/questions/art3.exports?query={query.id}" in mail.body
    )
    assert not mails_to("fp.b@example.org") and not mails_to("gone.co@example.org")


def test_a_reply_tells_the_secretariat_and_a_follow_up_tells_the_party_again(report, people):
    query = threads.ask(report, people["sec"], "art3.exports", "Why?")
    threads.reply(query, people["co"], "Because.")
    assert recipients("query.answered", report) == ["admin@example.org", "analyst@example.org"]
    (mail,) = mails_to("analyst@example.org")[-1:]
    assert f"/secretariat/reports/{report.id}#query-{query.id}" in mail.body
    threads.follow_up(query, people["sec"], "And the year before?")
    assert len(told("query.asked", report)) == 4  # two people, two questions


def test_return_tells_the_party_with_the_message(report, people):
    workflow.return_for_revision(report, people["sec"], "Please complete Article 3.")
    assert recipients("report.returned", report) == ["contrib.a@example.org", "fp.a@example.org"]
    (mail,) = mails_to("contrib.a@example.org")
    assert "Please complete Article 3." in mail.body
    assert f"http://localhost/reports/{report.id}" in mail.body


def test_acceptance_without_embargo_is_one_publication_notice(report, people):
    workflow.accept(report, people["sec"])
    assert recipients("report.published", report) == ["contrib.a@example.org", "fp.a@example.org"]
    assert told("report.accepted", report) == []
    assert told("report.published", report)[0].details["at_acceptance"] is True
    db.session.flush()
    assert report not in due_publications()  # the sweep will not tell it again


def test_an_embargo_is_announced_when_it_ends_once(report, people, monkeypatch):
    workflow.accept(report, people["sec"], embargo_until=utcnow() + timedelta(days=3))
    assert recipients("report.accepted", report) == ["contrib.a@example.org", "fp.a@example.org"]
    assert told("report.published", report) == []
    report.publish_after = utcnow() - timedelta(minutes=1)  # the embargo ended
    db.session.flush()
    monkeypatch.setattr(db.session, "commit", db.session.flush)
    assert notify_publications.run() >= 1
    assert report not in due_publications()
    notify_publications.run()
    assert recipients("report.published", report) == ["contrib.a@example.org", "fp.a@example.org"]
    assert "at_acceptance" not in told("report.published", report)[0].details


def test_mail_goes_through_the_queue_after_commit(app, report, people, enqueued, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "localhost")
    threads.ask(report, people["sec"], "art3.exports", "Why?")
    assert enqueued == []
    db.session.commit()
    ids = [m.id for m in mails_to("fp.a@example.org") + mails_to("contrib.a@example.org")]
    assert sorted(
        args[0] for name, args in enqueued if name == "reporting.tasks.mail.deliver_mail"
    ) == sorted(ids)


def test_nobody_of_another_party_is_ever_told(request_ctx, people, party_b, short_cycle):
    report_b = filled_report(party_b, short_cycle, people["fp_b"])
    workflow.submit(report_b, people["fp_b"])
    threads.ask(report_b, people["sec"], "art3.exports", "Why?")
    workflow.return_for_revision(report_b, people["sec"], "Revise.")
    party_a_ids = {people["fp"].id, people["co"].id}
    assert not [n for n in db.session.scalars(select(Notification)) if n.user_id in party_a_ids]


def test_a_publication_nobody_can_be_told_of_is_announced_once(report, people, monkeypatch):
    workflow.accept(report, people["sec"], embargo_until=utcnow() + timedelta(days=3))
    people["fp"].active = people["co"].active = False
    report.publish_after = utcnow() - timedelta(minutes=1)
    db.session.flush()
    monkeypatch.setattr(db.session, "commit", db.session.flush)
    assert notify_publications.run() >= 1
    assert report not in due_publications() and told("report.published", report) == []
