"""What static/js/checks.js needs to check answers as they are typed, as data.

The rules come from the definition through the answer kinds (`AnswerKind.client_rules`,
read off the same Marshmallow fields the server validates with), the messages already
translated; the locale's number signs come from Babel, as `reporting.i18n.normalize_number`
reads them. Nothing here is written a second time in JavaScript: the script only
interprets. Without JavaScript the server checks on save, as always.
"""

from __future__ import annotations

from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol
from flask_babel import get_locale

from ..i18n import arabic_digits, input_locale
from .checks import required_message


def locale_rules(locale: str | None = None) -> dict:
    """How numbers are written in `locale` (default: the one values are typed in)."""
    locale = str(locale or input_locale())
    grouping = Locale.parse(locale).decimal_formats[None].grouping
    return {
        "locale": locale,
        "decimal": get_decimal_symbol(locale),
        "group": get_group_symbol(locale),
        "minus": get_minus_sign_symbol(locale),
        "grouping": list(grouping),
        #: Characters typed on Arabic keyboards, replaced before a number is read.
        "digits": {chr(code): text for code, text in arabic_digits(locale).items()},
    }


#: Rules by (question or column, locale): a format's questions never change once loaded.
_RULES: dict[tuple[int, str], tuple[object, dict]] = {}
_MAX_RULES = 20_000


def _cached(spec, build) -> dict:
    key = (id(spec), str(get_locale() or "en"))
    found = _RULES.get(key)
    if found is not None and found[0] is spec:
        return found[1]
    if len(_RULES) >= _MAX_RULES:  # formats loaded again and again (tests)
        _RULES.clear()
    rules = build()
    _RULES[key] = (spec, rules)
    return rules


def question_rules(q) -> dict:
    """The checks of a question's value; `required` when the question always needs an
    answer (answers required only under a condition are left to the review page)."""

    def build() -> dict:
        rules = q.kind.client_rules(q)
        if q.required:
            rules["required"] = required_message()
        return rules

    return _cached(q, build)


def cell_rules(column) -> dict:
    """The checks of a table cell (a missing cell is reported when submitting, not here)."""
    return _cached(column, lambda: column.kind.client_rules(column))
