"""Integers and decimals, with units (metric tonnes, t/yr, kg) and bounds; percentages.

Every number kind has a declared range and precision that the storage column
(`Numeric(28, 10)`) holds exactly on both databases: PostgreSQL keeps at most 18 digits
before the decimal point and 10 after it, and SQLite keeps a NUMERIC value as a binary
float, exact to 15 significant digits. So a number has at most 15 significant digits, at
most 10 of them after the decimal point, and lies within +/- 999,999,999,999,999; input
beyond that is refused with a message rather than stored rounded (or not at all).
"""

import re
from decimal import Decimal, InvalidOperation

from babel.numbers import format_decimal, format_percent, get_decimal_symbol
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields, validate

from ...i18n import input_locale, normalize_number
from .base import AnswerKind, PaperBox, UnreadableValue, error_messages, register

UNITS = {"t": _l("t"), "t/yr": _l("t/yr"), "kg": _l("kg")}
UNIT_NAMES = {"t": _l("metric tonnes"), "t/yr": _l("metric tonnes per year"), "kg": _l("kilograms")}

#: Significant digits a number keeps exactly on both databases (a double holds 15).
MAX_DIGITS = 15
#: Digits after the decimal point (the column's scale).
MAX_PLACES = 10
#: The largest magnitude of a number answer.
LARGEST = 10**MAX_DIGITS - 1
#: A number as `normalize_number` writes it ("-1234.5"), short enough to show as typed.
_CANONICAL = re.compile(r"-?[0-9]{1,40}(\.[0-9]{1,40})?")


def _bounds(spec, lowest, highest):
    """The question's range (min/max of the format) within the kind's own range."""
    low = lowest if spec.min is None else max(spec.min, lowest)
    high = highest if spec.max is None else min(spec.max, highest)
    return low, high


def _range(spec, lowest, highest) -> list:
    """Range validators: the format's bounds with their own words, the kind's beyond them."""
    low, high = _bounds(spec, lowest, highest)
    if (spec.min is None) == (spec.max is None):
        return [validate.Range(min=low, max=high, error=_("Enter a number from {min} to {max}."))]
    return [
        validate.Range(min=low, error=_("Enter a number of at least {min}.")),
        validate.Range(max=high, error=_("Enter a number of at most {max}.")),
    ]


def _digits(value: Decimal) -> tuple[int, int]:
    """(significant digits, digits after the decimal point) of a finite decimal."""
    if not value:
        return 1, 0
    sign, digits, exponent = value.normalize().as_tuple()
    assert isinstance(exponent, int)  # "n", "N" or "F" only for NaN and infinities
    return len(digits), max(0, -exponent)


def _precision(value: Decimal | None) -> None:
    """Refuse what the column would round: more than 10 decimals or 15 significant digits."""
    if value is None or not value.is_finite() or value.copy_abs() > LARGEST:
        return  # not a number, or out of range: the range check says so
    digits, places = _digits(value)
    if places > MAX_PLACES:
        raise ValidationError(_places_message(MAX_PLACES))
    if digits > MAX_DIGITS:
        raise ValidationError(_digits_message(MAX_DIGITS))


def _places_message(count: int) -> str:
    return _("Use at most %(count)d digits after the decimal point.", count=count)


def _digits_message(count: int) -> str:
    return _("Use at most %(count)d significant digits.", count=count)


def _at_most_places(places: int):
    """A validator refusing more than `places` digits after the decimal point."""

    def check(value: Decimal | None) -> None:
        if value is not None and value.is_finite() and _digits(value)[1] > places:
            raise ValidationError(_places_message(places))

    return check


def _without_trailing_zeros(value: Decimal) -> Decimal:
    """A stored decimal without the column's trailing zeros (12.5000000000 -> 12.5), never
    "1E+3"."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def stored_number(number) -> Decimal:
    """The number a `value_number` column holds, exactly as it was written.

    SQLite returns a NUMERIC as a float formatted with 10 decimals, so 0.1 comes back as
    0.1000000000 and 1234567890123.45 as 1234567890123.4499511719: a float's shortest
    form gives back the number typed (which has at most 15 significant digits). A value
    that is not finite or needs more digits than a number answer has raises
    `UnreadableValue` (written by an old version or a direct edit).
    """
    try:
        value = Decimal(number)
    except (InvalidOperation, TypeError, ValueError):
        raise UnreadableValue(str(number)) from None
    if not value.is_finite():
        raise UnreadableValue(str(value))
    value = value.normalize()
    if _digits(value)[0] > MAX_DIGITS and abs(value) <= LARGEST:
        value = Decimal(repr(float(value))).normalize()
    digits, places = _digits(value)
    if value.copy_abs() > LARGEST or digits > MAX_DIGITS or places > MAX_PLACES:
        raise UnreadableValue(format(value, "f"))
    return value


def readable_number(number) -> Decimal | None:
    """`stored_number`, or None for a value no number answer takes (sums skip it)."""
    try:
        return stored_number(number)
    except UnreadableValue:
        return None


class _Number(AnswerKind):
    """Numbers are typed as text in the user's locale ("12,5" in French) and normalised."""

    storage = "number"
    client_check = "integer"
    inputmode = "decimal"
    text_direction = "ltr"
    export_column = "value_number"
    export_type = "integer"
    #: The kind's own range; a format's min/max narrow it, never widen it.
    lowest: int = -LARGEST
    highest: int = LARGEST

    def input_attributes(self, spec):
        return {"inputmode": self.inputmode, "autocomplete": "off"}

    def form_data(self, spec, value):
        """A decimal written with the user's decimal sign and no grouping ("2,125" in
        Spanish), so that reading it back in that locale gives the same number: "2.125"
        would be read as two thousand one hundred and twenty-five there."""
        if isinstance(value, str) and _CANONICAL.fullmatch(value):
            # A number kept as typed (out of range, a fraction in a whole-number kind) is
            # kept in canonical form: shown in the user's locale like a stored one, so that
            # reading it back in another language gives the same number, never 1000 times it.
            value = Decimal(value)
        if isinstance(value, Decimal):
            text = format(value, "f")  # never "1E+3"
            return text.replace(".", get_decimal_symbol(input_locale()))
        return super().form_data(spec, value)

    def form_value(self, spec, data):
        text = super().form_value(spec, data)
        return normalize_number(text) if isinstance(text, str) else text

    def read_columns(self, row):
        if row.value_number is None:
            return None
        value = stored_number(row.value_number)
        if not self.lowest <= value <= self.highest:
            raise UnreadableValue(format(value, "f"))
        return self.from_decimal(value)

    def from_decimal(self, value: Decimal):
        """The answer's value for a stored number within the kind's range."""
        if value != value.to_integral_value():
            raise UnreadableValue(format(value, "f"))  # a fraction in a whole-number kind
        return int(value)

    def _sample_range(self, spec) -> tuple:
        low = spec.min if spec.min is not None else 0
        high = spec.max if spec.max is not None else low + 500
        return low, high


class _Quantity(_Number):
    """Numbers that are amounts (with a unit): summed, and written with the locale's signs."""

    has_unit = True
    quantity = True
    summable = True

    def localized(self, spec, value):
        if isinstance(value, (int, Decimal)):
            # All digits kept (no rounding to the locale's usual three decimals).
            return format_decimal(
                value, locale=str(get_locale() or "en"), decimal_quantization=False
            )
        return super().localized(spec, value)


@register
class Integer(_Quantity):
    name = "integer"
    inputmode = "numeric"
    paper_box = PaperBox(_l("Whole number"))

    def sample(self, spec, rng, *, year=2024, rows=2):
        low, high = self._sample_range(spec)
        return rng.randint(int(low), int(min(high, low + 50)))

    def field(self, spec):
        return fields.Integer(
            allow_none=True,
            strict=False,
            validate=_range(spec, self.lowest, self.highest),
            error_messages=error_messages(invalid=_("Enter a whole number.")),
        )


@register
class DecimalNumber(_Quantity):
    name = "decimal"
    client_check = "decimal"
    export_type = "number"
    pdf_width = 1.1
    paper_box = PaperBox(_l("Number"))

    def sample(self, spec, rng, *, year=2024, rows=2):
        low, high = self._sample_range(spec)
        return f"{rng.uniform(float(low), float(min(high, low + 40))):.2f}"

    def field(self, spec):
        return fields.Decimal(
            allow_none=True,
            as_string=True,
            allow_nan=False,
            validate=[*_range(spec, self.lowest, self.highest), _precision],
            error_messages=error_messages(
                invalid=_("Enter a number, e.g. 12.5."),
                special=_("Enter a number, e.g. 12.5."),
            ),
        )

    def client_rules(self, spec):
        return {
            **super().client_rules(spec),
            "places": MAX_PLACES,
            "places_message": _places_message(MAX_PLACES),
            "digits": MAX_DIGITS,
            "digits_message": _digits_message(MAX_DIGITS),
            "largest": str(LARGEST),
        }

    def from_decimal(self, value):
        return _without_trailing_zeros(value)


@register
class Percentage(_Number):
    """A share from 0 to 100 with at most two decimals (e.g. of mercury recycled), stored
    as the number typed (12.5 for 12.5 %). Compared across Parties (medians, ranges) but
    never summed; written with the locale's percent sign instead of a unit."""

    name = "percentage"
    client_check = "decimal"
    quantity = True
    summable = False
    export_type = "number"
    lowest, highest = 0, 100
    #: Digits after the decimal point.
    places = 2
    #: Percent signs (Latin, Arabic) dropped from the end of what is typed ("12,5 %").
    suffixes = ("%", "\u066a")
    pdf_width = 0.9
    paper_box = PaperBox(_l("Percentage (0 to 100)"))

    def sample(self, spec, rng, *, year=2024, rows=2):
        low, high = _bounds(spec, self.lowest, self.highest)
        return f"{rng.uniform(float(low), float(high)):.2f}"

    def field(self, spec):
        low, high = _bounds(spec, self.lowest, self.highest)
        return fields.Decimal(
            allow_none=True,
            as_string=True,
            allow_nan=False,
            validate=[
                validate.Range(
                    min=low, max=high, error=_("Enter a percentage from {min} to {max}.")
                ),
                _at_most_places(self.places),
            ],
            error_messages=error_messages(
                invalid=_("Enter a percentage, e.g. 12.5."),
                special=_("Enter a percentage, e.g. 12.5."),
            ),
        )

    def form_value(self, spec, data):
        # "12,5 %" as it is printed reads as 12.5 (a percent sign, Latin or Arabic, dropped).
        if isinstance(data, str):
            data = data.strip()
            for sign in self.suffixes:
                data = data.removesuffix(sign)
        return super().form_value(spec, data)

    def client_rules(self, spec):
        return {
            **super().client_rules(spec),
            "suffixes": list(self.suffixes),
            "places": self.places,
            "places_message": _places_message(self.places),
        }

    def from_decimal(self, value):
        return _without_trailing_zeros(value)

    def localized(self, spec, value):
        if isinstance(value, (int, Decimal)):
            # "12,5 %" in French: the locale's pattern and sign, all digits kept.
            return format_percent(
                Decimal(value) / 100, locale=str(get_locale() or "en"), decimal_quantization=False
            )
        return super().localized(spec, value)


@register
class Year(_Number):
    name = "year"
    inputmode = "numeric"
    lowest, highest = 1000, 9999
    pdf_width = 0.8
    paper_box = PaperBox(_l("Year"))

    def sample(self, spec, rng, *, year=2024, rows=2):
        return year

    def field(self, spec):
        low, high = _bounds(
            spec,
            1900 if spec.min is None else self.lowest,
            2100 if spec.max is None else self.highest,
        )
        return fields.Integer(
            allow_none=True,
            strict=False,
            validate=[
                validate.Range(min=low, max=high, error=_("Enter a year from {min} to {max}."))
            ],
            error_messages=error_messages(invalid=_("Enter a year, e.g. 2024.")),
        )
