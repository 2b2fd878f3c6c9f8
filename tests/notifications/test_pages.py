"""Notifications on the home pages (newest first, unread marked, mark as read), and the
focal point's open queries with links to the question, shown next to it on its page."""

import pytest
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import Notification
from reporting.queries import threads
from reporting.reports import workflow
from tests.secretariat.factories import login, submitted_report


@pytest.fixture
def report(request_ctx, party_a, short_cycle, focal_point):
    return submitted_report(party_a, short_cycle, focal_point)


def _mine(user):
    db.session.expire_all()
    return db.session.scalars(
        select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
    ).all()


def test_the_focal_points_home_lists_notifications_newest_first(
    client, report, secretariat, focal_point
):
    threads.ask(report, secretariat, "art3.exports", "Which countries?")
    workflow.return_for_revision(report, secretariat, "Revise.")
    login(client, focal_point)
    page = client.get("/").get_data(as_text=True)
    returned = page.index("returned the 2023-short report")
    queried = page.index("raised a query on question")
    assert returned < queried  # newest first
    assert page.count('class="notification unread"') == 2 and "Mark all as read" in page


def test_mark_as_read_marks_ones_own_notification_only(
    client, report, secretariat, focal_point, contributor
):
    threads.ask(report, secretariat, "art3.exports", "Which countries?")
    (own,) = _mine(focal_point)
    (theirs,) = _mine(contributor)
    login(client, contributor)
    assert client.post(f"/notifications/{own.id}/read", data={}).status_code == 302
    assert _mine(focal_point)[0].read_at is None  # not the contributor's to mark
    login(client, focal_point)
    response = client.post(f"/notifications/{own.id}/read", data={"next": "/"})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert _mine(focal_point)[0].read_at is not None and _mine(contributor)[0].read_at is None
    page = client.get("/").get_data(as_text=True)
    assert 'class="notification unread"' not in page and "Mark as read" not in page


def test_mark_as_read_needs_the_csrf_token(
    app, client, report, secretariat, focal_point, monkeypatch
):
    threads.ask(report, secretariat, "art3.exports", "Which countries?")
    (own,) = _mine(focal_point)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    login(client, focal_point)
    client.post(f"/notifications/{own.id}/read", data={})
    assert _mine(focal_point)[0].read_at is None


def test_the_secretariat_sees_its_notifications_on_its_dashboard(client, secretariat, report):
    login(client, secretariat)
    page = client.get("/secretariat/").get_data(as_text=True)
    assert "submitted version 1 of its national report for the 2023-short" in page
    assert f'href="/secretariat/reports/{report.id}"' in page


def test_open_queries_on_the_home_page_lead_to_the_question(
    client, report, secretariat, focal_point
):
    query = threads.ask(report, secretariat, "art3.exports", "Which countries?")
    done = threads.ask(report, secretariat, "art3.stocks", "Resolved one")
    threads.resolve(done, secretariat)
    login(client, focal_point)
    page = client.get("/").get_data(as_text=True)
    link = f"/reports/{report.id}/questions/art3.exports?query={query.id}"
    open_list = page[page.index('id="open-queries"') :]
    open_list = open_list[: open_list.index("</section>")]
    assert link in open_list and f"query={done.id}" not in open_list
    response = client.get(link)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        f"/reports/{report.id}/pages/art3#query-{query.id}"
    )
    article = client.get(f"/reports/{report.id}/pages/art3").get_data(as_text=True)
    assert f'id="query-{query.id}"' in article and "Which countries?" in article
    assert client.get(f"/reports/{report.id}/questions/no.such").status_code == 404


def test_another_partys_question_link_is_hidden(client, report, secretariat, other_focal_point):
    query = threads.ask(report, secretariat, "art3.exports", "Which countries?")
    login(client, other_focal_point)
    url = f"/reports/{report.id}/questions/art3.exports?query={query.id}"
    assert client.get(url).status_code == 404
    assert "Which countries?" not in client.get("/").get_data(as_text=True)
