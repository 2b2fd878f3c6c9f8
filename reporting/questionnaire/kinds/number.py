"""Integers and decimals, with units (metric tonnes, t/yr, kg) and bounds."""
from decimal import Decimal

from babel.numbers import get_decimal_symbol
from flask_babel import get_locale, gettext as _, lazy_gettext as _l
from marshmallow import fields, validate

from ...i18n import normalize_number
from .base import AnswerKind, error_messages, register

UNITS = {"t": _l("t"), "t/yr": _l("t/yr"), "kg": _l("kg")}
UNIT_NAMES = {"t": _l("metric tonnes"), "t/yr": _l("metric tonnes per year"), "kg": _l("kilograms")}


def _range(spec, minimum=None, maximum=None):
    low = spec.min if spec.min is not None else minimum
    high = spec.max if spec.max is not None else maximum
    if low is None and high is None:
        return []
    if low is not None and high is not None:
        error = _("Enter a number from {min} to {max}.")
    elif low is not None:
        error = _("Enter a number of at least {min}.")
    else:
        error = _("Enter a number of at most {max}.")
    return [validate.Range(min=low, max=high, error=error)]


class _Number(AnswerKind):
    """Numbers are typed as text in the user's locale ("12,5" in French) and normalised."""

    inputmode = "decimal"

    def input_attributes(self, spec):
        return {"inputmode": self.inputmode, "autocomplete": "off"}

    def form_data(self, spec, value):
        """A decimal written with the user's decimal sign and no grouping ("2,125" in
        Spanish), so that reading it back in that locale gives the same number: "2.125"
        would be read as two thousand one hundred and twenty-five there."""
        if isinstance(value, Decimal):
            text = format(value, "f")  # never "1E+3"
            return text.replace(".", get_decimal_symbol(str(get_locale() or "en")))
        return super().form_data(spec, value)

    def form_value(self, spec, data):
        text = super().form_value(spec, data)
        return normalize_number(text) if isinstance(text, str) else text


@register
class Integer(_Number):
    name = "integer"
    storage = "number"
    has_unit = True
    inputmode = "numeric"

    def field(self, spec):
        return fields.Integer(
            allow_none=True,
            strict=False,
            validate=_range(spec),
            error_messages=error_messages(invalid=_("Enter a whole number.")),
        )

    def from_columns(self, row):
        return None if row.value_number is None else int(row.value_number)


@register
class DecimalNumber(_Number):
    name = "decimal"
    storage = "number"
    has_unit = True

    def field(self, spec):
        return fields.Decimal(
            allow_none=True,
            as_string=True,
            allow_nan=False,
            validate=_range(spec),
            error_messages=error_messages(
                invalid=_("Enter a number, e.g. 12.5."),
                special=_("Enter a number, e.g. 12.5."),
            ),
        )

    def from_columns(self, row):
        if row.value_number is None:
            return None
        # Normalise away the column's trailing zeros (12.5000000000 -> 12.5).
        value = Decimal(row.value_number).normalize()
        return value.quantize(Decimal(1)) if value == value.to_integral() else value


@register
class Year(_Number):
    name = "year"
    storage = "number"
    inputmode = "numeric"

    def field(self, spec):
        return fields.Integer(
            allow_none=True,
            strict=False,
            validate=[validate.Range(
                min=spec.min if spec.min is not None else 1900,
                max=spec.max if spec.max is not None else 2100,
                error=_("Enter a year from {min} to {max}."),
            )],
            error_messages=error_messages(invalid=_("Enter a year, e.g. 2024.")),
        )

    def from_columns(self, row):
        return None if row.value_number is None else int(row.value_number)
