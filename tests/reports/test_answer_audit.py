"""The audit trail records every changed answer: who, when, which question, old -> new."""

from sqlalchemy import event, select

from reporting.extensions import db as _db
from reporting.models import AuditEvent, Role, User
from reporting.reports import workflow
from reporting.reports.answers import save_answers


def _report(party, cycle):
    user = User(email="fp.audit@example.org", role=Role.focal_point, party=party)
    _db.session.add(user)
    _db.session.flush()
    return workflow.start_report(party, cycle, user, carry_over=False), user


def _changes(report):
    """The recorded changes of the tiny format's questions (starting the report records
    its pre-filled answers too)."""
    _db.session.flush()
    return [
        (e.details["question"], e.details["old"], e.details["new"], e.user_id)
        for e in _db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.report_id == report.id, AuditEvent.action == "answer.change")
            .order_by(AuditEvent.id)
        )
        if e.details["question"].startswith("art1.")
    ]


def test_each_changed_answer_is_recorded_with_its_old_and_new_value(
    request_ctx, party_a, full_cycle, tiny_format
):
    report, user = _report(party_a, full_cycle)
    save_answers(
        report, tiny_format, {"art1.count": {"value": "5"}, "art1.note": {"value": "short"}}, user
    )
    save_answers(
        report,
        tiny_format,
        {
            "art1.count": {"value": "6"},
            "art1.note": {"value": "short"},  # unchanged
            "art1.plan": {"state": "not_applicable"},
            "art1.exports": {"value": [{"country": "DEU", "quantity": "1.50"}]},
        },
        user,
    )
    assert _changes(report) == [
        ("art1.count", "", "5", user.id),
        ("art1.note", "", "short", user.id),
        ("art1.count", "5", "6", user.id),
        ("art1.plan", "", "(not_applicable)", user.id),
        ("art1.exports", "", '[{"country": "DEU", "quantity": "1.5"}]', user.id),
    ]


def test_a_value_kept_as_typed_and_a_long_text_are_recorded_short(
    request_ctx, party_a, full_cycle, tiny_format
):
    report, user = _report(party_a, full_cycle)
    save_answers(
        report,
        tiny_format,
        {"art1.count": {"value": "about twelve"}, "art1.long": {"value": "x" * 5000}},
        user,
    )
    changes = {key: new for key, _old, new, _user in _changes(report)}
    assert changes["art1.count"] == "about twelve"
    assert changes["art1.long"] == "x" * 200


def test_a_confidential_answer_is_recorded_without_its_values(
    request_ctx, party_a, full_cycle, tiny_format
):
    report, user = _report(party_a, full_cycle)
    save_answers(report, tiny_format, {"art1.count": {"value": "5", "confidential": True}}, user)
    save_answers(report, tiny_format, {"art1.count": {"value": "7", "confidential": True}}, user)
    save_answers(report, tiny_format, {"art1.count": {"value": "7"}}, user)  # made public
    assert _changes(report) == [("art1.count", "(confidential)", "(confidential)", user.id)] * 3


def test_the_changes_of_a_save_are_written_in_one_insert(
    request_ctx, party_a, full_cycle, tiny_format
):
    report, user = _report(party_a, full_cycle)
    _db.session.flush()
    inserts = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("INSERT INTO AUDIT_EVENT"):
            inserts.append(statement)

    engine = _db.session.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        save_answers(
            report,
            tiny_format,
            {
                key: {"value": value}
                for key, value in [
                    ("art1.count", "1"),
                    ("art1.note", "a"),
                    ("art1.long", "b"),
                    ("art1.year", "2020"),
                    ("art1.email", "a@example.org"),
                    ("art1.url", "https://example.org"),
                    ("art1.mining", "yes"),
                    ("art1.plan", "no"),
                    ("art1.colour", "red"),
                ]
            },
            user,
        )
        _db.session.flush()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(_changes(report)) == 9
    assert len(inserts) == 1


def test_the_review_page_trail_does_not_list_draft_answer_changes(
    request_ctx, party_a, full_cycle, tiny_format
):
    from reporting.secretariat.review import audit_trail

    report, user = _report(party_a, full_cycle)
    save_answers(report, tiny_format, {"art1.note": {"value": "a draft secret"}}, user)
    _db.session.flush()
    assert all(event.action != "answer.change" for event, _email in audit_trail(report))
