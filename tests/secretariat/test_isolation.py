"""Party isolation: national users reach no /secretariat URL; anonymous visitors none either."""

import pytest

from tests.secretariat.factories import login, submitted_report

GETS = [
    "/secretariat/",
    "/secretariat/cycles/2023-short",
    "/secretariat/cycles/2023-short/parties.csv",
    "/secretariat/cycles/2023-short/reminders",
    "/secretariat/users",
    "/secretariat/outbox",
    "/secretariat/reports/{report}",
    "/secretariat/analysis/",
]
POSTS = [
    "/secretariat/reports/{report}/return",
    "/secretariat/reports/{report}/accept",
    "/secretariat/reports/{report}/queries",
    "/secretariat/cycles/2023-short/reminders",
    "/secretariat/users",
    "/secretariat/users/{user}/deactivate",
    "/secretariat/users/{user}/reset-link",
]


@pytest.fixture
def report(party_a, short_cycle, focal_point):
    return submitted_report(party_a, short_cycle, focal_point)


@pytest.mark.parametrize("who", ["focal_point", "contributor", "other_focal_point"])
def test_national_users_get_403_on_every_secretariat_url(client, request, report, who):
    user = request.getfixturevalue(who)
    login(client, user)
    for url in GETS:
        assert client.get(url.format(report=report.id)).status_code == 403, url
    for url in POSTS:
        response = client.post(
            url.format(report=report.id, user=user.id),
            data={"message": "x", "text": "x", "question_key": "art3.exports"},
        )
        assert response.status_code == 403, url
    assert report.status.value == "submitted"


def test_anonymous_visitors_are_not_let_in(client, report):
    for url in GETS:
        assert client.get(url.format(report=report.id)).status_code in (302, 401), url


def test_deactivated_secretariat_user_is_refused(client, secretariat, db):
    secretariat.active = False
    db.session.flush()
    login(client, secretariat)
    assert client.get("/secretariat/").status_code in (302, 401, 403)


def test_secretariat_and_admin_are_let_in(client, secretariat, admin, report):
    for user in (secretariat, admin):
        login(client, user)
        assert client.get("/secretariat/").status_code == 200
        assert client.get(f"/secretariat/reports/{report.id}").status_code == 200


def test_the_secretariat_menu_is_shown_to_the_secretariat_only(
    app, client, secretariat, focal_point
):
    from flask import render_template
    from flask_login import login_user

    login(client, secretariat)
    page = client.get("/secretariat/").get_data(as_text=True)
    nav = page[
        page.index('class="main-nav"') : page.index("</nav>", page.index('class="main-nav"'))
    ]
    for url in (
        "/secretariat/",
        "/secretariat/analysis/",
        "/secretariat/users",
        "/secretariat/outbox",
    ):
        assert f'href="{url}"' in nav
    with app.test_request_context("/"):
        login_user(focal_point)
        assert render_template("secretariat/_nav.html").strip() == ""
