"""Numbers typed in the user's locale are stored as the same value."""

from decimal import Decimal

import pytest
from flask_babel import force_locale, format_decimal

from reporting.i18n import normalize_number
from reporting.reports import workflow
from reporting.reports.answers import load_answers, save_answers


@pytest.mark.parametrize(
    "locale, typed",
    [
        ("fr", "12,5"),
        ("fr", "1\u202f234,5"),
        ("es", "12,5"),
        ("ru", "12,5"),
        ("en", "12.5"),
        ("zh", "12.5"),
        ("ar", "12.5"),
        ("ar", "\u0661\u0662\u066b\u0665"),
        ("ar", "\u06f1\u06f2.\u06f5"),
    ],
)
def test_locale_decimal_separator_is_understood(app, locale, typed):
    expected = "1234.5" if "234" in typed else "12.5"
    assert normalize_number(typed, locale) == expected


def test_comma_is_not_a_decimal_separator_in_english(app):
    assert normalize_number("12,5", "en") == "12,5"  # left as typed: validation says why


def test_french_decimal_round_trips(app, focal_point, party_a, full_cycle, minamata):
    with app.test_request_context("/"), force_locale("fr"):
        report = workflow.start_report(party_a, full_cycle, focal_point, carry_over=False)
        save_answers(
            report,
            minamata,
            {"art3.exports.total_quantity": {"value": normalize_number("12,5")}},
            focal_point,
        )
        stored = load_answers(report, minamata)["art3.exports.total_quantity"]["value"]
        assert stored == Decimal("12.5")
        assert format_decimal(stored) == "12,5"
