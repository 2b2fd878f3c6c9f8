"""Query threads through the browser: the secretariat asks and resolves, the Party replies;
both sides see the status; another Party sees nothing."""

import pytest

from reporting.extensions import db
from reporting.models import AnswerQuery, QueryStatus
from tests.secretariat.factories import login, submitted_report


@pytest.fixture
def report(party_a, short_cycle, focal_point):
    return submitted_report(party_a, short_cycle, focal_point)


def _ask(client, report, text="Which countries were exported to?", **extra):
    return client.post(
        f"/secretariat/reports/{report.id}/queries",
        data={"question_key": "art3.exports", "text": text, **extra},
    )


def _only_query():
    return db.session.scalars(db.select(AnswerQuery)).one()


def test_thread_lifecycle_is_visible_to_both_sides(client, report, secretariat, focal_point):
    login(client, secretariat)
    response = _ask(client, report)
    assert response.status_code == 302 and "#query-" in response.location
    query = _only_query()
    assert query.status == QueryStatus.open

    login(client, focal_point)
    page = client.get(f"/reports/{report.id}/queries").get_data(as_text=True)
    assert "Which countries were exported to?" in page
    assert "Open: waiting for the Party" in page
    assert "Did your country allow any export of mercury" in page
    response = client.post(
        f"/queries/{query.id}/reply",
        data={"text": "Germany only.", "next": f"/reports/{report.id}/queries"},
    )
    assert response.status_code == 302
    assert response.location.endswith(f"/reports/{report.id}/queries#query-{query.id}")
    db.session.refresh(query)
    assert query.status == QueryStatus.answered

    login(client, secretariat)
    page = client.get(f"/secretariat/reports/{report.id}").get_data(as_text=True)
    assert "Germany only." in page and "Answered: waiting for the secretariat" in page
    client.post(f"/secretariat/queries/{query.id}/resolve", data={"text": "Thanks."})
    db.session.refresh(query)
    assert query.status == QueryStatus.resolved

    login(client, focal_point)
    page = client.get(f"/reports/{report.id}/queries").get_data(as_text=True)
    assert "Resolved" in page and "Thanks." in page
    assert f'action="/queries/{query.id}/reply"' not in page  # no reply to a resolved query
    assert client.post(f"/queries/{query.id}/reply", data={"text": "More"}).status_code == 302
    db.session.refresh(query)
    assert query.status == QueryStatus.resolved and len(query.messages) == 3


def test_follow_up_reopens_a_resolved_query(client, report, secretariat):
    login(client, secretariat)
    _ask(client, report)
    query = _only_query()
    client.post(f"/secretariat/queries/{query.id}/resolve", data={"text": ""})
    client.post(f"/secretariat/queries/{query.id}/follow-up", data={"text": "One more thing."})
    db.session.refresh(query)
    assert query.status == QueryStatus.open and query.messages[-1].text == "One more thing."
    client.post(f"/secretariat/queries/{query.id}/follow-up", data={"text": ""})
    assert len(query.messages) == 2  # an empty follow-up is refused


def test_a_contributor_may_reply_too(client, report, secretariat, contributor):
    login(client, secretariat)
    _ask(client, report)
    query = _only_query()
    login(client, contributor)
    client.post(f"/queries/{query.id}/reply", data={"text": "Checked with customs."})
    db.session.refresh(query)
    assert query.status == QueryStatus.answered


def test_another_party_sees_and_answers_nothing(client, report, secretariat, other_focal_point):
    login(client, secretariat)
    _ask(client, report)
    query = _only_query()
    login(client, other_focal_point)
    assert client.get(f"/reports/{report.id}/queries").status_code == 404
    assert client.post(f"/queries/{query.id}/reply", data={"text": "Not mine"}).status_code == 404
    db.session.refresh(query)
    assert query.status == QueryStatus.open and len(query.messages) == 1


def test_secretariat_does_not_reply_on_the_partys_behalf(client, report, secretariat):
    login(client, secretariat)
    _ask(client, report)
    query = _only_query()
    assert client.post(f"/queries/{query.id}/reply", data={"text": "x"}).status_code == 403


def test_national_users_cannot_raise_or_resolve_queries(client, report, secretariat, focal_point):
    login(client, focal_point)
    assert _ask(client, report).status_code == 403
    login(client, secretariat)
    _ask(client, report)
    query = _only_query()
    login(client, focal_point)
    assert client.post(f"/secretariat/queries/{query.id}/resolve", data={}).status_code == 403
    assert (
        client.post(f"/secretariat/queries/{query.id}/follow-up", data={"text": "x"}).status_code
        == 403
    )


def test_a_query_on_a_table_cell_names_the_row_and_column(client, report, secretariat, focal_point):
    login(client, secretariat)
    client.post(
        f"/secretariat/reports/{report.id}/queries",
        data={
            "question_key": "art3.stocks.list",
            "row": "2",
            "column": "quantity",
            "text": "Tonnes?",
        },
    )
    query = _only_query()
    assert (query.row_index, query.column_key) == (1, "quantity")
    login(client, focal_point)
    page = client.get(f"/reports/{report.id}/queries").get_data(as_text=True)
    assert "(row 2, Quantity)" in page


def test_unsafe_next_is_ignored(client, report, secretariat, focal_point):
    login(client, secretariat)
    _ask(client, report)
    query = _only_query()
    login(client, focal_point)
    response = client.post(
        f"/queries/{query.id}/reply", data={"text": "ok", "next": "//evil.example/x"}
    )
    assert response.location.startswith(f"/reports/{report.id}/queries")


def test_the_partial_renders_in_any_report_page(app, report, secretariat, focal_point):
    from flask import render_template_string
    from flask_login import login_user

    from reporting.queries import threads

    threads.ask(report, secretariat, "art3.exports", "Why?")
    with app.test_request_context(f"/reports/{report.id}"):
        login_user(focal_point)
        html = render_template_string('{% include "queries/_report_queries.html" %}', report=report)
    assert "Why?" in html and "Your reply" in html and 'name="csrf_token"' in html
