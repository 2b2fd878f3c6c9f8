"""The long format: one row per Party x cycle x question (x table row x column)."""

from decimal import Decimal

from sqlalchemy import select

from reporting.exports import LONG_FIELDS, ExportFilters, iter_long_rows
from reporting.extensions import db
from reporting.models import Answer
from reporting.questionnaire.samples import sample_answers
from reporting.reports import workflow
from reporting.reports.answers import save_answers

from .factories import focal_point_of, make_report, party


def _rows(**filters):
    return list(iter_long_rows(ExportFilters(**filters)))


def _one(rows, iso3, key, **match):
    found = [
        r
        for r in rows
        if r["party_iso3"] == iso3
        and r["question_key"] == key
        and all(r[k] == v for k, v in match.items())
    ]
    assert len(found) == 1, found
    return found[0]


def test_rows_have_every_long_field(reports):
    rows = _rows()
    assert rows and all(list(row) == [f.name for f in LONG_FIELDS] for row in rows)


def test_a_reported_zero_is_zero_and_a_state_is_a_state(reports):
    rows = _rows()
    zero = _one(rows, "MEX", "art3.exports.total_quantity")
    assert zero["state"] == "value" and zero["value_number"] == 0 and zero["unit"] == "t"
    state = _one(rows, "KEN", "art3.chlor_alkali")
    assert state["state"] == "not_available"
    assert all(state[k] is None for k in ("value_code", "value_number", "value_text", "unit"))


def test_an_unanswered_question_has_no_row(reports):
    fmt = workflow.report_format(reports["MEX"])
    save_answers(reports["MEX"], fmt, {"e.comments": {"value": None}})
    stored = db.session.scalars(
        select(Answer).where(
            Answer.report_id == reports["MEX"].id, Answer.question_key == "e.comments"
        )
    ).one()
    assert stored.value_text is None  # the blank answer row exists ...
    assert not [r for r in _rows(parties=["MEX"]) if r["question_key"] == "e.comments"]


def test_answers_hidden_by_a_condition_are_left_out(reports):
    hidden = db.session.scalars(
        select(Answer.question_key).where(
            Answer.report_id == reports["KEN"].id, Answer.hidden.is_(True)
        )
    ).all()
    assert "art3.exports.consent" in hidden  # stored from the sample data, but hidden
    keys = {r["question_key"] for r in _rows(parties=["KEN"])}
    assert keys and not keys & set(hidden)


def test_confidential_answers_are_left_out_unless_included_and_then_marked(reports):
    assert not [
        r for r in _rows(parties=["CHN"]) if r["question_key"] == "art3.exports.total_quantity"
    ]
    shown = _one(
        _rows(parties=["CHN"], include_confidential=True), "CHN", "art3.exports.total_quantity"
    )
    assert shown["confidential"] is True and shown["value_number"] == Decimal("12.5")
    assert {r["confidential"] for r in _rows()} == {False}


def test_choices_give_code_and_label(reports):
    row = _one(_rows(), "MEX", "art3.exports")
    assert (row["value_code"], row["value_label"], row["kind"]) == ("yes", "Yes", "yes_no")
    assert (row["article"], row["number"]) == ("3", "4")


def test_a_multiple_choice_gives_one_row_per_option_chosen(reports):
    rows = [r for r in _rows(parties=["MEX"]) if r["question_key"] == "art4.dental.measures"]
    assert [(r["value_code"], r["value_label"][:5]) for r in rows] == [
        ("i", "(i) N"),
        ("iii", "(iii)"),
    ]


def test_a_table_gives_one_row_per_cell(reports):
    rows = [r for r in _rows(parties=["MEX"]) if r["question_key"] == "art3.exports.list"]
    cells = [(r["table_row"], r["column_key"], r["column_kind"]) for r in rows]
    assert cells[:5] == [
        (1, "country", "country"),
        (1, "quantity", "decimal"),
        (1, "purpose", "text"),
        (1, "consent", "yes_no"),
        (1, "consent_basis", "single_choice"),
    ]
    assert (2, "consent_basis", "single_choice") not in cells  # an empty cell has no row
    quantity = next(r for r in rows if r["table_row"] == 2 and r["column_key"] == "quantity")
    assert quantity["value_number"] == Decimal("2.25") and quantity["unit"] == "t"
    country = next(r for r in rows if r["table_row"] == 1 and r["column_key"] == "country")
    assert (country["value_code"], country["value_label"]) == ("DEU", "Germany")


def test_typed_values(reports):
    rows = _rows(parties=["MEX"])
    date = _one(rows, "MEX", "party.period_start")
    assert date["value_date"].isoformat() == "2021-01-01"
    text = _one(rows, "MEX", "e.comments")
    assert isinstance(text["value_text"], str) and text["value_number"] is None


def test_rows_carry_version_status_and_submission_date(reports):
    row = _one(_rows(), "MEX", "art3.exports")
    assert row["report_version"] == 1 and row["status"] == "accepted"
    assert row["submitted_at"] == reports["MEX"].submitted_at


def test_questions_outside_the_cycles_report_kind_are_left_out(short_cycle, reviewer):
    mex = party("MEX")
    user = focal_point_of(mex)
    report = workflow.start_report(mex, short_cycle, user, carry_over=False)
    fmt = workflow.report_format(report)
    prefilled = {q.key for q in fmt.iter_questions() if q.prefill}
    save_answers(report, fmt, sample_answers(fmt, None, skip=prefilled), user)  # full answers
    workflow.submit(report, user)
    short_keys = {q.key for q in fmt.iter_questions("short")}
    stored = set(
        db.session.scalars(select(Answer.question_key).where(Answer.report_id == report.id))
    )
    assert stored - short_keys  # full-report answers are in the database ...
    exported = {r["question_key"] for r in _rows(cycles=["2023-short"])}
    assert exported and exported <= short_keys


def test_rows_are_ordered_by_cycle_party_and_format(reports, short_cycle, reviewer):
    make_report("KEN", short_cycle, "submitted", seed=9, reviewer=reviewer)
    rows = _rows()
    order = [(r["cycle_year"], r["party_iso3"]) for r in rows]
    assert order == sorted(order)
    keys = [r["question_key"] for r in rows if r["party_iso3"] == "MEX"]
    fmt = workflow.report_format(reports["MEX"])
    position = {q.key: i for i, q in enumerate(fmt.iter_questions())}
    assert keys == sorted(keys, key=position.__getitem__)


def test_labels_follow_the_chosen_language(reports):
    row = _one(
        _rows(parties=["MEX"], language="fr"),
        "MEX",
        "art3.exports.list",
        table_row=1,
        column_key="consent_basis",
    )
    assert row["value_label"] == "Consentement donné pour l'expédition considérée"
    country = _one(
        _rows(parties=["MEX"], language="fr"),
        "MEX",
        "art3.exports.list",
        table_row=1,
        column_key="country",
    )
    assert country["value_label"] == "Allemagne"


def test_party_names_are_the_un_names_in_the_chosen_language(reports, full_cycle):
    make_report("BOL", full_cycle, "submitted", seed=5)
    spanish = {r["party_iso3"]: r["party_name"] for r in _rows(language="es")}
    assert spanish["BOL"] == "Bolivia (Estado Plurinacional de)"
    assert spanish["MEX"] == "México" and spanish["CHN"] == "China"
    english = {r["party_iso3"]: r["party_name"] for r in _rows(language="en")}
    assert english["BOL"] == "Bolivia (Plurinational State of)"
