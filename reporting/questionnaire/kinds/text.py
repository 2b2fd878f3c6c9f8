"""Short and long free text."""

from flask_babel import gettext as _
from marshmallow import fields, validate
from wtforms import TextAreaField

from .base import AnswerKind, PaperBox, error_messages, register

#: Sample texts whose meaning the key's last part gives away, so demo data reads sensibly.
TEXT_BY_KEY_END = {
    "institution": "Ministry of Environment",
    "address": "Department of Chemicals and Waste, 1 Environment Street, Capital City",
    "telephone": "+41 22 917 00 00",
    "location": "Central hazardous waste storage facility",
    "description": "Decommissioned chlor-alkali plant",
    "purpose": "Environmentally sound interim storage",
    "category": "Wastewater from gold processing",
}


class _Text(AnswerKind):
    client_check = "text"
    default_max: int
    text_direction = "auto"
    #: Texts a sample value is drawn from (one draw, whatever the key).
    sample_texts: tuple[str, ...]

    def field(self, spec):
        maximum = getattr(spec, "max_length", None) or self.default_max
        return fields.String(
            allow_none=True,
            validate=validate.Length(max=maximum, error=_("Use at most {max} characters.")),
            error_messages=error_messages(invalid=_("Enter text.")),
        )

    def sample(self, spec, rng, *, year=2024, rows=2):
        text = rng.choice(self.sample_texts)
        # The same draw either way, so that the answers after it do not change.
        return TEXT_BY_KEY_END.get(spec.key.rpartition(".")[2], text)


@register
class Text(_Text):
    name = "text"
    default_max = 500
    pdf_width = 2.2
    paper_box = PaperBox(full_width=True)
    sample_texts = ("Ministry of Environment", "National chemicals office", "See annex")

    def default_max_length(self, limits):
        return limits.text_length


@register
class LongText(_Text):
    name = "long_text"
    default_max = 20000
    pdf_width = 3.0
    paper_box = PaperBox(height=80, full_width=True)
    sample_texts = (
        "Measures were adopted by decree and are enforced by customs and inspectors.",
        "An inventory was completed with the Toolkit; results are published online.",
        "Implementation is under way with support from the Specific International Programme.",
    )

    def default_max_length(self, limits):
        return limits.long_text_length

    def form_field(self, spec, label=None, *, in_table=False, **options):
        return TextAreaField(label, render_kw={"rows": 2 if in_table else 5})
