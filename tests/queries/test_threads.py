"""Query threads: ask, reply, follow up, resolve; what each step records."""

import pytest
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import AuditEvent, QueryStatus
from reporting.queries import threads
from reporting.reports import workflow
from reporting.reports.answers import save_answers
from tests.secretariat.factories import filled_report, submitted_report


@pytest.fixture
def report(request_ctx, party_a, short_cycle, focal_point):
    return submitted_report(party_a, short_cycle, focal_point)


def _actions(report):
    return [
        e.action
        for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.report_id == report.id).order_by(AuditEvent.id)
        )
    ]


def test_thread_lifecycle_ask_reply_resolve(report, secretariat, focal_point):
    query = threads.ask(report, secretariat, "art3.exports", "Which countries were exported to?")
    assert query.status == QueryStatus.open and query.version_no == 1
    threads.reply(query, focal_point, "To Germany only; see the table.")
    assert query.status == QueryStatus.answered
    threads.resolve(query, secretariat, "Thank you.")
    assert query.status == QueryStatus.resolved and query.resolved_by_id == secretariat.id
    assert [(m.author_id, m.text) for m in query.messages] == [
        (secretariat.id, "Which countries were exported to?"),
        (focal_point.id, "To Germany only; see the table."),
        (secretariat.id, "Thank you."),
    ]
    assert _actions(report)[-3:] == ["query.ask", "query.reply", "query.resolve"]


def test_a_resolved_query_takes_no_reply_but_a_follow_up_reopens_it(
    report, secretariat, focal_point
):
    query = threads.ask(report, secretariat, "art3.exports", "Why?")
    threads.resolve(query, secretariat)
    with pytest.raises(threads.QueryError):
        threads.reply(query, focal_point, "Late answer")
    with pytest.raises(threads.QueryError):
        threads.resolve(query, secretariat)
    threads.follow_up(query, secretariat, "One more point.")
    assert query.status == QueryStatus.open and query.resolved_at is None
    threads.reply(query, focal_point, "Here it is.")
    assert query.status == QueryStatus.answered


def test_queries_need_a_submitted_report_a_known_question_and_a_message(
    request_ctx, party_b, short_cycle, other_focal_point, report, secretariat
):
    draft = filled_report(party_b, short_cycle, other_focal_point)
    with pytest.raises(threads.QueryError):
        threads.ask(draft, secretariat, "art3.exports", "Why?")
    with pytest.raises(threads.QueryError):
        threads.ask(report, secretariat, "no.such.question", "Why?")
    with pytest.raises(threads.QueryError):
        threads.ask(report, secretariat, "art3.exports", "   ")
    with pytest.raises(threads.QueryError):
        threads.ask(report, secretariat, "art3.exports", "x" * (threads.MAX_TEXT + 1))
    with pytest.raises(threads.QueryError):  # a yes/no question has no rows
        threads.ask(report, secretariat, "art3.exports", "Row?", row_index=0)


def test_a_query_can_point_at_one_table_cell(report, secretariat):
    query = threads.ask(
        report,
        secretariat,
        "art3.stocks.list",
        "Is this in tonnes?",
        row_index=1,
        column_key="quantity",
    )
    assert (query.row_index, query.column_key) == (1, "quantity")
    with pytest.raises(threads.QueryError):
        threads.ask(report, secretariat, "art3.stocks.list", "?", column_key="nope")


def test_a_revised_answer_is_flagged_on_its_query(report, secretariat, focal_point):
    query = threads.ask(report, secretariat, "art3.exports", "Really no exports?")
    other = threads.ask(report, secretariat, "art3.stocks", "Stocks?")
    assert threads.revised_since_asked(report, [query, other]) == set()
    workflow.return_for_revision(report, secretariat, "See the queries.")
    fmt = workflow.report_format(report)
    current = (
        db.session.scalars(
            select(threads.Answer).where(
                threads.Answer.report_id == report.id, threads.Answer.question_key == "art3.exports"
            )
        )
        .one()
        .value_text
    )
    save_answers(
        report,
        fmt,
        {"art3.exports": {"value": "no" if current == "yes" else "yes"}},
        focal_point,
        "short",
    )
    db.session.flush()
    assert threads.revised_since_asked(report, [query, other]) == {query.id}


def test_report_queries_are_the_reports_threads_oldest_first(
    report, secretariat, focal_point, request_ctx, party_b, short_cycle, other_focal_point
):
    first = threads.ask(report, secretariat, "art3.exports", "One")
    second = threads.ask(report, secretariat, "art3.stocks", "Two")
    other = submitted_report(party_b, short_cycle, other_focal_point, seed=2)
    threads.ask(other, secretariat, "art3.exports", "Elsewhere")
    threads.reply(second, focal_point, "Answer")
    assert threads.report_queries(report) == [first, second]
    assert [m.text for m in threads.report_queries(report)[1].messages] == ["Two", "Answer"]
