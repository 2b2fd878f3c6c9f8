"""Each answer kind accepts good values and rejects bad ones with a clear message."""

from datetime import date
from decimal import Decimal

import pytest
from marshmallow import ValidationError

from reporting.questionnaire.report_schema import report_schema

GOOD = [
    ("art1.mining", "yes", "yes"),
    ("art1.plan", "na", "na"),
    ("art1.colour", "green", "green"),
    ("art1.colours", ["red", "blue"], ["red", "blue"]),
    ("art1.note", "  short  ", "short"),
    ("art1.long", "x" * 5000, "x" * 5000),
    ("art1.count", "42", 42),
    ("art1.mining.tonnes", "12.5", Decimal("12.5")),
    ("art1.mining.tonnes", "0", Decimal("0")),
    ("about.start", "2024-02-29", date(2024, 2, 29)),
    ("art1.year", "2023", 2023),
    ("art1.country", "DEU", "DEU"),
    ("art1.country", "EUU", "EUU"),
    ("art1.email", "focal@example.org", "focal@example.org"),
    ("art1.url", "https://example.org/x", "https://example.org/x"),
    ("art1.file", "abcdefghijklmnop1234", "abcdefghijklmnop1234"),
    (
        "art1.exports",
        [{"country": "DEU", "quantity": "3", "consent": "yes"}],
        [{"country": "DEU", "quantity": Decimal("3"), "consent": "yes"}],
    ),
]

BAD = [
    ("art1.mining", "maybe", "Answer yes or no."),
    ("art1.plan", "perhaps", "Answer yes, no or not applicable."),
    ("art1.colour", "purple", "Choose one of the listed options."),
    ("art1.colours", ["red", "purple"], "Choose among the listed options."),
    ("art1.colours", ["red", "red"], "Each option can be chosen only once."),
    ("art1.note", "far too long for this", "Use at most 10 characters."),
    ("art1.count", "4.5", "Enter a whole number."),
    ("art1.count", "101", "Enter a number from 0 to 100."),
    ("art1.mining.tonnes", "twelve", "Enter a number, e.g. 12.5."),
    ("art1.mining.tonnes", "-1", "Enter a number of at least 0."),
    ("art1.mining.tonnes", "NaN", "Enter a number, e.g. 12.5."),
    ("about.start", "2024-02-30", "Enter a date as YYYY-MM-DD."),
    ("art1.year", "1850", "Enter a year from 1900 to 2100."),
    ("art1.country", "XXX", "Choose a country from the list."),
    ("art1.email", "not-an-address", "Enter an e-mail address like name@example.org."),
    ("art1.url", "ftp://example.org", "Enter a web address starting with http:// or https://."),
    ("art1.file", "../../etc/passwd", "Upload a file."),
]


def _load(fmt, key, value):
    return report_schema(fmt, None, "draft")().load({key: {"value": value}})[key]["value"]


@pytest.mark.parametrize("key, given, expected", GOOD)
def test_kind_accepts_good_value(request_ctx, tiny_format, key, given, expected):
    assert _load(tiny_format, key, given) == expected


@pytest.mark.parametrize("key, given, message", BAD)
def test_kind_rejects_bad_value_with_clear_message(request_ctx, tiny_format, key, given, message):
    with pytest.raises(ValidationError) as info:
        _load(tiny_format, key, given)
    messages = info.value.messages[key]["value"]
    flat = (
        messages
        if isinstance(messages, list)
        else [m for v in messages.values() for m in (v if isinstance(v, list) else [])]
    )
    assert message in flat


def test_every_kind_is_covered_by_the_tests(tiny_format):
    from reporting.questionnaire.kinds import kind_names

    used = {q.kind.name for q in tiny_format.iter_questions()}
    assert used == set(kind_names())


def test_blank_value_is_no_answer_but_zero_is_an_answer(request_ctx, tiny_format):
    data = report_schema(tiny_format, None, "draft")().load(
        {
            "art1.count": {"value": "0"},
            "art1.mining.tonnes": {"value": "  "},
        }
    )
    assert data["art1.count"]["value"] == 0
    assert data["art1.mining.tonnes"]["value"] is None


def test_none_zero_and_not_available_are_states_distinct_from_blank(request_ctx, tiny_format):
    data = report_schema(tiny_format, None, "draft")().load(
        {
            "art1.count": {"state": "none"},
            "art1.note": {"state": "not_available"},
        }
    )
    assert data["art1.count"] == {
        "state": "none",
        "value": None,
        "confidential": False,
        "comment": None,
    }
    assert data["art1.note"]["state"] == "not_available"


def test_state_not_offered_by_a_question_is_rejected(request_ctx, tiny_format):
    with pytest.raises(ValidationError) as info:
        report_schema(tiny_format, None, "draft")().load({"about.start": {"state": "none"}})
    assert info.value.messages["about.start"]["state"] == [
        "This answer option is not offered here."
    ]


def test_confidential_mark_is_kept_per_answer(request_ctx, tiny_format):
    data = report_schema(tiny_format, None, "draft")().load(
        {"art1.count": {"value": "3", "confidential": True}}
    )
    assert data["art1.count"]["confidential"] is True


def test_unknown_question_key_is_rejected(request_ctx, tiny_format):
    with pytest.raises(ValidationError) as info:
        report_schema(tiny_format, None, "draft")().load({"art9.nothing": {"value": "x"}})
    assert "art9.nothing" in info.value.messages


def test_table_row_with_bad_cell_is_reported_at_that_row_and_column(request_ctx, tiny_format):
    rows = [{"country": "DEU", "quantity": "1"}, {"country": "FRA", "quantity": "lots"}]
    with pytest.raises(ValidationError) as info:
        _load(tiny_format, "art1.exports", rows)
    assert info.value.messages["art1.exports"]["value"] == {
        1: {"quantity": ["Enter a number, e.g. 12.5."]}
    }


def test_empty_table_rows_are_dropped(request_ctx, tiny_format):
    rows = [{"country": "DEU", "quantity": "1"}, {"country": "", "quantity": " "}]
    assert len(_load(tiny_format, "art1.exports", rows)) == 1


def test_messages_are_translated_into_the_users_language(app, tiny_format):
    from flask_babel import force_locale

    with app.test_request_context("/"), force_locale("fr"):
        with pytest.raises(ValidationError) as info:
            _load(tiny_format, "art1.count", "4.5")
    # The French catalog translates the message; without one it would stay English.
    message = info.value.messages["art1.count"]["value"][0]
    assert message and isinstance(message, str)
