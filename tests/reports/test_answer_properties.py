"""Property: whatever is sent as an answer of any kind, saving it gives either a clear error
(the input kept as typed) or a stored value that reads back equal to what was accepted, on
the database the suite runs on (TEST_DATABASE_URL selects PostgreSQL)."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from marshmallow import ValidationError

from reporting.extensions import db as _db
from reporting.models import Role, User
from reporting.questionnaire.report_schema import answer_schema
from reporting.reports import workflow
from reporting.reports.answers import load_answers, save_answers

#: One question of the tiny format per answer kind.
QUESTIONS = {
    "yes_no": "art1.mining",
    "yes_no_na": "art1.plan",
    "single_choice": "art1.colour",
    "multiple_choice": "art1.colours",
    "text": "art1.note",
    "long_text": "art1.long",
    "integer": "art1.count",
    "decimal": "art1.mining.tonnes",
    "year": "art1.year",
    "country": "art1.country",
    "email": "art1.email",
    "url": "art1.url",
    "file": "art1.file",
    "date": "about.start",
    "table": "art1.exports",
}

PROPERTY = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

number_text = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats().map(repr),
    st.sampled_from(
        [
            "1e309",
            "1e400",
            "-0",
            "0.00000000001",
            "123456789012345678.5",
            "1" * 31,
            "1_000",
            " 7 ",
            "0x10",
            "١٢",
        ]
    ),
)
text = st.text(max_size=30)  # any code point but lone surrogates, NUL included
scalar = st.one_of(
    st.none(),
    text,
    number_text,
    st.booleans(),
    st.integers(),
    st.floats(),
    st.dates().map(date.isoformat),
    st.sampled_from(
        [
            "yes",
            "no",
            "na",
            "red",
            "green",
            "DEU",
            "EUU",
            "a@example.org",
            "https://example.org/x",
            "abcdefghijklmnop1234",
            "2024-02-29",
            "x" * 600,
        ]
    ),
)
value = st.one_of(
    scalar,
    st.lists(st.one_of(text, st.sampled_from(["red", "green", "blue"])), max_size=4),
    st.lists(
        st.fixed_dictionaries(
            {},
            optional={
                "country": st.one_of(scalar, st.sampled_from(["DEU", "KEN"])),
                "quantity": st.one_of(number_text, scalar),
                "consent": st.one_of(scalar, st.sampled_from(["yes", "no"])),
            },
        ),
        max_size=4,
    ),
)


@pytest.fixture
def report(request_ctx, party_a, full_cycle):
    user = User(email="fp.properties@example.org", role=Role.focal_point, party=party_a)
    _db.session.add(user)
    _db.session.flush()
    return workflow.start_report(party_a, full_cycle, user, carry_over=False)


def _comparable(kind: str, v):
    """A value as read back: a table without blank cells and rows (none is no table)."""
    if kind == "table" and isinstance(v, list):
        rows = [{k: c for k, c in row.items() if c is not None} for row in v]
        return [row for row in rows if row] or None
    return v


@pytest.mark.parametrize("kind", sorted(QUESTIONS))
def test_any_input_is_an_error_or_reads_back_as_accepted(report, tiny_format, kind):
    q = tiny_format.question(QUESTIONS[kind])
    assert q.kind.name == kind

    @PROPERTY
    @given(given_value=value, comment=st.one_of(st.none(), text))
    def check(given_value, comment):
        payload = {"value": given_value, "comment": comment}
        try:
            accepted = answer_schema(q)().load(payload)
        except ValidationError:
            accepted = None
        issues = save_answers(report, tiny_format, {q.key: payload})
        _db.session.flush()
        _db.session.expire_all()
        stored = load_answers(report, tiny_format)[q.key]
        if accepted is None:
            assert issues and all(i.message for i in issues)
            # A bad value is kept as typed; a bad comment (a NUL) is kept without the NUL.
            assert stored["invalid"] or all(i.field == "comment" for i in issues), (
                ascii(given_value),
                ascii(comment),
                issues,
                stored,
            )
            return
        assert not issues and not stored["invalid"]
        assert _comparable(kind, stored["value"]) == _comparable(kind, accepted["value"])
        assert stored["comment"] == accepted["comment"]
        typed = load_answers(report, tiny_format, raw=False)[q.key]["value"]
        assert _comparable(kind, typed) == _comparable(kind, accepted["value"])
        if isinstance(accepted["value"], Decimal):
            assert (
                format(stored["value"], "f") == format(accepted["value"].normalize(), "f")
                or stored["value"] == accepted["value"]
            )

    check()


def test_a_table_sent_as_a_list_of_texts_is_kept_as_typed(report, tiny_format):
    """Found by the property above: rows that are not sets of cells were dropped."""
    issues = save_answers(report, tiny_format, {"art1.exports": {"value": ["0", "DEU"]}})
    assert [i.message for i in issues] == ["This table is not valid."] * 2
    stored = load_answers(report, tiny_format)["art1.exports"]
    assert stored["invalid"] and stored["value"] == '["0", "DEU"]'
