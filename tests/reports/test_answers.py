"""Saving answers: nothing typed is lost, zero is not blank, tables are addressable."""

from decimal import Decimal

from sqlalchemy import select

from reporting.extensions import db as _db
from reporting.models import Answer, AnswerCell
from reporting.reports import workflow
from reporting.reports.answers import load_answers, save_answers


def _report(party, cycle, user):
    return workflow.start_report(party, cycle, user, carry_over=False)


def test_invalid_value_is_kept_as_typed_and_reported(
    request_ctx, focal_point, party_a, full_cycle, minamata
):
    report = _report(party_a, full_cycle, focal_point)
    issues = save_answers(
        report, minamata, {"art3.exports.total_quantity": {"value": "about 3 t"}}, focal_point
    )
    assert [(i.question_key, i.message) for i in issues] == [
        ("art3.exports.total_quantity", "Enter a number, e.g. 12.5.")
    ]
    data = load_answers(report, minamata)
    assert data["art3.exports.total_quantity"]["value"] == "about 3 t"
    assert data["art3.exports.total_quantity"]["invalid"] is True


def test_reported_zero_is_stored_as_a_number_not_a_blank(
    request_ctx, focal_point, party_a, full_cycle, minamata
):
    report = _report(party_a, full_cycle, focal_point)
    save_answers(
        report,
        minamata,
        {
            "art3.exports.total_quantity": {"value": "0"},
            "art3.primary_mining.end_date": {"value": ""},
        },
        focal_point,
    )
    rows = {
        a.question_key: a
        for a in _db.session.scalars(select(Answer).where(Answer.report_id == report.id))
    }
    assert rows["art3.exports.total_quantity"].value_number == 0
    assert rows["art3.exports.total_quantity"].value_number is not None
    assert rows["art3.primary_mining.end_date"].value_date is None
    assert rows["art3.primary_mining.end_date"].value_number is None


def test_table_cells_are_stored_per_row_and_column_and_bad_cell_kept(
    request_ctx, focal_point, party_a, full_cycle, minamata
):
    report = _report(party_a, full_cycle, focal_point)
    table = minamata.question("art3.exports.list")
    country = next(c.key for c in table.columns if c.kind.name == "country")
    quantity = next(c.key for c in table.columns if c.kind.name == "decimal")
    rows = [{country: "DEU", quantity: "1.25"}, {country: "IND", quantity: "lots"}]
    issues = save_answers(report, minamata, {"art3.exports.list": {"value": rows}}, focal_point)
    assert [(i.row, i.column) for i in issues] == [(1, quantity)]
    cells = _db.session.scalars(
        select(AnswerCell).order_by(AnswerCell.row_index, AnswerCell.column_key)
    ).all()
    by_address = {(c.row_index, c.column_key): c for c in cells}
    assert by_address[(0, quantity)].value_number == Decimal("1.25")
    assert by_address[(1, country)].value_text == "IND"
    assert by_address[(1, quantity)].raw_value == "lots"
    assert load_answers(report, minamata)["art3.exports.list"]["value"][1][quantity] == "lots"


def test_saving_again_updates_in_place(request_ctx, focal_point, party_a, full_cycle, minamata):
    report = _report(party_a, full_cycle, focal_point)
    save_answers(report, minamata, {"art3.primary_mining": {"value": "yes"}}, focal_point)
    save_answers(report, minamata, {"art3.primary_mining": {"value": "no"}}, focal_point)
    _db.session.flush()
    answers = _db.session.scalars(
        select(Answer).where(
            Answer.report_id == report.id, Answer.question_key == "art3.primary_mining"
        )
    ).all()
    assert len(answers) == 1 and answers[0].value_text == "no"


def test_part_a_is_prefilled_from_the_party_and_the_focal_point(
    request_ctx, focal_point, party_a, short_cycle, minamata
):
    report = _report(party_a, short_cycle, focal_point)
    data = load_answers(report, minamata)
    assert data["party.country"]["value"] == "MEX"
    assert data["party.period_start"]["value"].isoformat() == "2021-01-01"
    prefilled_email = [q.key for q in minamata.iter_questions() if q.prefill == "user.email"]
    assert data[prefilled_email[0]]["value"] == focal_point.email


def test_answers_hidden_by_a_condition_are_flagged_for_exports(
    request_ctx, focal_point, party_a, full_cycle, minamata
):
    report = _report(party_a, full_cycle, focal_point)
    save_answers(
        report,
        minamata,
        {"art3.exports": {"value": "yes"}, "art3.exports.total_quantity": {"value": "5"}},
        focal_point,
    )
    follow_up = _db.session.scalars(
        select(Answer).where(Answer.question_key == "art3.exports.total_quantity")
    ).one()
    assert follow_up.hidden is False
    save_answers(report, minamata, {"art3.exports": {"value": "no"}}, focal_point)
    assert follow_up.hidden is True
    assert follow_up.value_number == 5  # kept for the draft, should the answer change back
