"""Numbers: what the database cannot hold exactly is refused, what is accepted reads back
as typed on both databases, and a bad number already stored is an error on its question."""

from decimal import Decimal

import pytest
from sqlalchemy import select, update

from reporting.extensions import db as _db
from reporting.models import Answer, AnswerCell, Role, User
from reporting.reports import workflow
from reporting.reports.answers import load_answers, save_answers

TONNES = "art1.mining.tonnes"  # decimal, min 0
COUNT = "art1.count"  # integer, 0 to 100
YEAR = "art1.year"


@pytest.fixture
def report(request_ctx, party_a, full_cycle):
    """A report whose answers these tests write and read with the tiny format (its focal
    point has no password: hashing is slow and unused here)."""
    user = User(email="fp.numbers@example.org", role=Role.focal_point, party=party_a)
    _db.session.add(user)
    _db.session.flush()
    return workflow.start_report(party_a, full_cycle, user, carry_over=False)


def _save(report, fmt, key, value, user=None):
    issues = save_answers(report, fmt, {key: {"value": value}}, user)
    _db.session.flush()
    _db.session.expire_all()
    return [i.message for i in issues]


@pytest.mark.parametrize(
    "typed, message",
    [
        ("1e309", "Enter a number of at most 999999999999999."),
        ("1e400", "Enter a number of at most 999999999999999."),
        ("1" * 31, "Enter a number of at most 999999999999999."),
        ("1e999999999", "Enter a number of at most 999999999999999."),
        ("1000000000000000", "Enter a number of at most 999999999999999."),
        ("123456789012345678.5", "Enter a number of at most 999999999999999."),
        ("-1", "Enter a number of at least 0."),
        ("0.00000000001", "Use at most 10 digits after the decimal point."),
        ("1234567.123456789", "Use at most 15 significant digits."),
        ("Infinity", "Enter a number, e.g. 12.5."),
        ("NaN", "Enter a number, e.g. 12.5."),
    ],
)
def test_a_decimal_the_column_cannot_hold_exactly_is_refused_and_kept_as_typed(
    report, tiny_format, typed, message
):
    assert _save(report, tiny_format, TONNES, typed) == [message]
    stored = load_answers(report, tiny_format)[TONNES]
    assert stored["value"] == typed and stored["invalid"]


@pytest.mark.parametrize(
    "typed, message",
    [
        ("1e400", "Enter a whole number."),  # the page writes it out (see test_bad_input)
        ("9" * 31, "Enter a number from -999999999999999 to 999999999999999."),
        ("-1000000000000000", "Enter a number from -999999999999999 to 999999999999999."),
    ],
)
def test_an_integer_beyond_the_kind_range_is_refused(report, tiny_format, typed, message):
    fmt = _with_integer(tiny_format)
    assert _save(report, fmt, "art1.free_count", typed) == [message]


def _with_integer(fmt):
    """The tiny format with an integer question that declares no range."""
    from dataclasses import replace

    from reporting.questionnaire.definition import Format
    from reporting.questionnaire.kinds import get_kind

    count = fmt.question(COUNT)
    free = replace(count, key="art1.free_count", min=None, max=None)
    part = fmt.parts[1]
    section = replace(part.sections[0], questions=part.sections[0].questions + (free,))
    parts = (fmt.parts[0], replace(part, sections=(section,)), *fmt.parts[2:])
    assert free.kind is get_kind("integer")
    return Format(
        id=fmt.id,
        version=fmt.version,
        title=fmt.title,
        parts=parts,
        rules=fmt.rules,
        enumerations=fmt.enumerations,
    )


def test_a_format_range_cannot_widen_the_kind_range(request_ctx, tiny_format):
    from dataclasses import replace

    from marshmallow import ValidationError

    q = replace(tiny_format.question(COUNT), min=-(10**30), max=10**30)
    with pytest.raises(ValidationError, match="999999999999999"):
        q.kind.field(q).deserialize("1" * 20)


@pytest.mark.parametrize(
    "typed",
    [
        "99999.9999999999",
        "1234567890123.45",
        "999999999999999",
        "0.0000000001",
        "123456789.123456",
        "0.1",
        "10000000000000.5",
        "12345.6789012345",
        "7",
    ],
)
def test_an_accepted_decimal_reads_back_exactly_as_typed(report, tiny_format, typed):
    assert _save(report, tiny_format, TONNES, typed) == []
    stored = load_answers(report, tiny_format)[TONNES]
    assert stored["value"] == Decimal(typed) and not stored["invalid"]
    assert format(stored["value"], "f").rstrip("0").rstrip(".") == typed.rstrip("0").rstrip(".")


def test_the_largest_integer_reads_back_exactly(report, tiny_format):
    fmt = _with_integer(tiny_format)
    for typed in ("999999999999999", "-999999999999999", "0"):
        assert _save(report, fmt, "art1.free_count", typed) == []
        assert load_answers(report, fmt)["art1.free_count"]["value"] == int(typed)


def _corrupt(report, key, number, *, cell: bool = False):
    """Write a number past the application, as an old version or a direct edit could."""
    if cell:
        answer_id = _db.session.scalars(
            select(Answer.id).where(Answer.report_id == report.id, Answer.question_key == key)
        ).one()
        _db.session.execute(
            update(AnswerCell)
            .where(AnswerCell.answer_id == answer_id, AnswerCell.column_key == "quantity")
            .values(value_number=number)
        )
    else:
        _db.session.execute(
            update(Answer)
            .where(Answer.report_id == report.id, Answer.question_key == key)
            .values(value_number=number)
        )
    _db.session.expire_all()


def bad_numbers():
    """Numbers the column may hold that no number answer takes, on the database in use."""
    if _db.engine.dialect.name == "sqlite":
        return [float("inf"), float("-inf"), 1e30, Decimal("1e300")]
    return [Decimal("NaN"), Decimal("1e17"), Decimal("0.5")]  # 0.5: not a whole number


def test_a_bad_stored_number_is_an_error_on_its_question_not_a_failure(report, tiny_format):
    from reporting.web.review import draft_issues

    for number in bad_numbers():
        _save(report, tiny_format, COUNT, "5")
        _corrupt(report, COUNT, number)
        answers = load_answers(report, tiny_format)
        assert answers[COUNT]["invalid"], number
        assert isinstance(answers[COUNT]["value"], str)
        issues = draft_issues([tiny_format.question(COUNT)], answers)
        assert [i.question_key for i in issues] == [COUNT], number
        assert load_answers(report, tiny_format, raw=False)[COUNT]["value"] is None


def test_a_bad_stored_table_cell_is_an_error_in_its_cell(report, tiny_format):
    from reporting.web.review import draft_issues

    for number in bad_numbers()[:2]:
        _save(report, tiny_format, "art1.exports", [{"country": "DEU", "quantity": "2"}])
        _corrupt(report, "art1.exports", number, cell=True)
        answers = load_answers(report, tiny_format)
        issues = draft_issues([tiny_format.question("art1.exports")], answers)
        assert [(i.row, i.column) for i in issues] == [(0, "quantity")], number


def test_a_bad_stored_decimal_is_shown_back_and_can_be_corrected(report, tiny_format):
    _save(report, tiny_format, TONNES, "5")
    _corrupt(report, TONNES, bad_numbers()[0])
    typed = load_answers(report, tiny_format)[TONNES]["value"]
    assert typed in ("Infinity", "NaN")
    assert _save(report, tiny_format, TONNES, "6") == []
    assert load_answers(report, tiny_format)[TONNES]["value"] == Decimal("6")


def test_a_year_outside_any_year_is_refused(report, tiny_format):
    from dataclasses import replace

    from marshmallow import ValidationError

    assert _save(report, tiny_format, YEAR, "99999") == ["Enter a year from 1900 to 2100."]
    assert _save(report, tiny_format, YEAR, "2024") == []
    q = replace(tiny_format.question(YEAR), min=-(10**30), max=10**30)
    with pytest.raises(ValidationError, match="from 1000 to 9999"):
        q.kind.field(q).deserialize("99999")
