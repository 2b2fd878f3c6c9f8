"""Yes/no, yes/no/not applicable, single and multiple choice."""

import json

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import fields, validate
from wtforms import RadioField, SelectChoice, SelectField, SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget

from ..translate import qt
from .base import AnswerKind, Problem, error_messages, register

YES_NO = {"yes": _l("Yes"), "no": _l("No")}
YES_NO_NA = {**YES_NO, "na": _l("Not applicable")}
#: Up to this many options are radio buttons; longer lists are a drop-down.
MAX_RADIOS = 7


class _Choice(AnswerKind):
    has_choices = True
    coded = True
    export_column = "value_code"

    def codes(self, spec) -> list[str]:
        return spec.choice_codes

    def label(self, spec, code: str) -> str:
        return next((c.label for c in spec.choices if c.code == code), code)

    def field(self, spec):
        return fields.String(
            allow_none=True,
            validate=validate.OneOf(self.codes(spec), error=_("Choose one of the listed options.")),
            error_messages=error_messages(invalid=_("Choose one of the listed options.")),
        )

    def display(self, spec, value):
        return "" if value is None else str(self.label(spec, value))

    def localized(self, spec, value):
        """The chosen option's label (or options', separated by semicolons), translated."""
        codes = value if isinstance(value, list) else [value]
        return "; ".join(qt(self.label(spec, code)) for code in codes)

    def sample(self, spec, rng, *, year=2024, rows=2):
        return rng.choice(spec.choice_codes)

    def choice_label(self, spec, code: str) -> str:
        """An option's label in the user's language (format texts through `qt`)."""
        return qt(self.label(spec, code))

    def form_choices(self, spec) -> list[SelectChoice]:
        return [SelectChoice(code, self.choice_label(spec, code)) for code in self.codes(spec)]

    def form_field(self, spec, label=None, *, in_table=False, **options):
        choices = self.form_choices(spec)
        if in_table or len(choices) > MAX_RADIOS:
            return SelectField(
                label, choices=[SelectChoice("", _("Choose"))] + choices, validate_choice=False
            )
        return RadioField(label, choices=choices, validate_choice=False)


@register
class YesNo(_Choice):
    name = "yes_no"
    has_choices = False
    yes_and_no = ("yes", "no")
    pdf_width = 0.8
    _labels = YES_NO

    def codes(self, spec):
        return list(self._labels)

    def label(self, spec, code):
        return str(self._labels.get(code, code))

    def choice_label(self, spec, code):
        return self.label(spec, code)  # interface strings, translated already

    def localized(self, spec, value):
        return self.display(spec, value)  # interface strings, translated already

    def sample(self, spec, rng, *, year=2024, rows=2):
        return rng.choice(["yes", "yes", "no"])

    def field(self, spec):
        return fields.String(
            allow_none=True,
            validate=validate.OneOf(self.codes(spec), error=_("Answer yes or no.")),
            error_messages=error_messages(invalid=_("Answer yes or no.")),
        )


@register
class YesNoNa(YesNo):
    name = "yes_no_na"
    pdf_width = 1.0
    _labels = YES_NO_NA

    def field(self, spec):
        return fields.String(
            allow_none=True,
            validate=validate.OneOf(self.codes(spec), error=_("Answer yes, no or not applicable.")),
            error_messages=error_messages(invalid=_("Answer yes, no or not applicable.")),
        )


@register
class SingleChoice(_Choice):
    name = "single_choice"
    pdf_width = 2.2


@register
class MultipleChoice(_Choice):
    name = "multiple_choice"
    storage = "json"
    in_tables = False
    multiple = True

    def sample(self, spec, rng, *, year=2024, rows=2):
        count = max(getattr(spec, "min_choices", None) or 1, min(2, len(spec.choices)))
        return sorted(rng.sample(spec.choice_codes, count))

    def field(self, spec):
        item = fields.String(
            validate=validate.OneOf(self.codes(spec), error=_("Choose among the listed options.")),
        )
        return fields.List(
            item,
            allow_none=True,
            error_messages=error_messages(invalid=_("Choose among the listed options.")),
            validate=_unique,
        )

    def submit_errors(self, spec, value):
        minimum = getattr(spec, "min_choices", None)
        if minimum and value is not None and len(value) < minimum:
            return [Problem(_("Choose at least %(count)d options.", count=minimum))]
        return []

    def display(self, spec, value):
        return "; ".join(self.label(spec, code) for code in value or [])

    def form_field(self, spec, label=None, *, in_table=False, **options):
        return SelectMultipleField(
            label,
            choices=self.form_choices(spec),
            validate_choice=False,
            widget=ListWidget(prefix_label=False),
            option_widget=CheckboxInput(),
        )

    def form_data(self, spec, value):
        if isinstance(value, str):  # kept as typed (JSON text) when it was not valid
            try:
                value = json.loads(value)
            except ValueError:
                return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def form_value(self, spec, data):
        """The chosen codes in the order of the options (unknown codes kept, at the end)."""
        chosen = [c for c in (data or []) if isinstance(c, str) and c.strip()]
        if not chosen:
            return None
        codes = self.codes(spec)
        return [c for c in codes if c in chosen] + [c for c in chosen if c not in codes]


def _unique(values):
    from marshmallow import ValidationError

    if values is not None and len(set(values)) != len(values):
        raise ValidationError(_("Each option can be chosen only once."))
