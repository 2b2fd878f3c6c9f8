"""A reporting format as a document: the one dump of the definition dataclasses.

The API's format document, the exports' plan (and so the codebook) and
`ort format export` all dump `reporting.questionnaire.definition` through these schemas,
so a field of the definition that people should see is added here, once. Texts are
translated into the current locale as they are dumped (run under `force_locale`).

What the definition holds and no document shows is listed in `NOT_DUMPED`, with why;
a test keeps every dataclass field either dumped or listed there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import force_locale
from marshmallow import Schema, fields, post_dump, validate

from reporting.questionnaire.definition import REPLACEMENT_HOWS, Format
from reporting.questionnaire.kinds import kind_names
from reporting.questionnaire.states import STATES
from reporting.questionnaire.translate import qt

#: The registered answer kinds: a new kind appears in the API's schema by itself.
KINDS = kind_names()

#: Dataclass fields left out of the document, per dataclass: how the form checks an
#: answer (lengths, rows, a column's bounds and help, prefill sources), file-level data
#: resolved into the questions (enumerations, limits, path), a section's intro (guidance
#: shown with the form and on paper, not data), and fields dumped in another shape (`choices`
#: through `options`, which has a coded kind's own choices too; `allow_states` in
#: `states`, which adds "value").
NOT_DUMPED = {
    "Question": {"max_length", "max_rows", "prefill", "choices", "allow_states"},
    "Replacement": set(),
    "Column": {"min", "max", "max_length", "help", "choices"},
    "Section": {"intro"},
    "Part": set(),
    "Rule": set(),
    "Choice": set(),
    "ReportKind": set(),
    "Format": {"enumerations", "path", "limits"},
}


class Text(fields.String):
    """A format text (title, question, help, label), in the current locale."""

    def _serialize(self, value, attr, obj, **kwargs):
        return super()._serialize(qt(value), attr, obj, **kwargs)


class KindName(fields.String):
    """An answer kind, by its registered name."""

    def __init__(self, **kwargs):
        super().__init__(validate=validate.OneOf(KINDS), **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return super()._serialize(value.name, attr, obj, **kwargs)


class _Node(Schema):
    """Optional fields that hold nothing (None, False, no items) are left out."""

    @post_dump
    def drop_empty(self, data, **kwargs):
        return {
            key: value
            for key, value in data.items()
            if self.fields[key].required or not _empty(value)
        }


def _empty(value) -> bool:
    return value is None or value is False or (isinstance(value, (list, dict)) and not value)


class ChoiceSchema(Schema):
    code = fields.String(required=True)
    label = Text(required=True)


class ColumnSchema(_Node):
    key = fields.String(required=True)
    label = Text(required=True)
    kind = KindName(required=True)
    required = fields.Boolean(required=True)
    unit = fields.String()
    choices = fields.List(fields.Nested(ChoiceSchema), attribute="options")


class ReplacementSchema(Schema):
    key = fields.String(
        required=True,
        metadata={"description": "The key of the question in the version this one follows."},
    )
    how = fields.String(required=True, validate=validate.OneOf(REPLACEMENT_HOWS))
    choices = fields.Method(
        "_choices", metadata={"description": "Older choice codes and the newer codes they became."}
    )

    def _choices(self, obj):
        return dict(obj.choices)


class QuestionSchema(_Node):
    key = fields.String(
        required=True,
        metadata={"description": "Stable key, followed across format versions and cycles."},
    )
    number = fields.String(required=True)
    official_number = fields.String(
        metadata={"description": "The number in the official format, where it differs."}
    )
    replaces = fields.List(
        fields.Nested(ReplacementSchema),
        metadata={"description": "Questions of the version this one follows that it replaces."},
    )
    text = Text(required=True)
    kind = KindName(required=True)
    part = fields.String(required=True, attribute="part_key")
    section = fields.String(required=True, attribute="section_key")
    article = fields.String(required=True, allow_none=True)
    required = fields.Boolean(required=True)
    short = fields.Boolean(required=True, metadata={"description": "Asked in short reports."})
    personal = fields.Boolean(
        metadata={"description": "Identifies a person; never in published data."}
    )
    period_bound = fields.Boolean(
        metadata={
            "description": "A fact of the reporting period (a yearly quantity, a date of "
            "the period): not carried over into the next report."
        }
    )
    help = Text()
    unit = fields.String()
    min = fields.Float()
    max = fields.Float()
    min_choices = fields.Integer()
    min_rows = fields.Integer()
    visible_if = fields.Dict(metadata={"description": "Condition under which it is asked."})
    required_if = fields.Dict()
    choices = fields.List(fields.Nested(ChoiceSchema), attribute="options")
    columns = fields.List(fields.Nested(ColumnSchema))
    states = fields.List(fields.String(validate=validate.OneOf(STATES)), required=True)


class SectionSchema(Schema):
    key = fields.String(required=True)
    title = Text(required=True)
    article = fields.String(required=True, allow_none=True)
    questions = fields.List(fields.Nested(QuestionSchema), required=True)


class PartSchema(Schema):
    key = fields.String(required=True)
    title = Text(required=True)
    in_every_report = fields.Boolean(required=True)
    sections = fields.List(fields.Nested(SectionSchema), required=True)


class RuleSchema(Schema):
    key = fields.String(required=True)
    severity = fields.String(required=True, validate=validate.OneOf(["error", "warning"]))
    check = fields.Dict(required=True)
    when = fields.Dict(required=True, allow_none=True)
    message = Text(required=True)
    questions = fields.List(fields.String(), required=True)


class ReportKindSchema(Schema):
    code = fields.String(required=True)
    name = Text(required=True, metadata={"description": "What a cycle of this kind is called."})
    label = Text(required=True, metadata={"description": "The kind with its cadence."})
    every_years = fields.Integer(required=True, allow_none=True)
    questions = fields.String(
        required=True,
        validate=validate.OneOf(["all", "marked"]),
        metadata={"description": "Every question, or the marked ones."},
    )


@dataclass(frozen=True)
class FormatInUse:
    """A format as documents show it: with the codes of the cycles that use it and the
    language of its texts; every other attribute is the format's own."""

    format: Format
    cycles: list[str] = field(default_factory=list)
    language: str | None = None

    def __getattr__(self, name):
        return getattr(self.format, name)

    @property
    def short_report(self) -> list[str]:
        marked = self.format.marked_kind  # None: the format has no report of marked questions
        return [] if marked is None else [q.key for q in self.format.iter_questions(marked)]


class FormatSummarySchema(Schema):
    """Dumps `FormatInUse` objects, in their language whenever the dump happens (the API
    dumps after its view has returned)."""

    id = fields.String(required=True)
    version = fields.String(required=True)
    title = Text(required=True)
    cycles = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "Codes of the cycles that use this version."},
    )

    def dump(self, obj, *, many=None):
        many = self.many if many is None else many
        language = next((item.language for item in (obj if many else [obj])), None)
        if language is None:
            return super().dump(obj, many=many)
        with force_locale(language):
            return super().dump(obj, many=many)


class FormatSchema(FormatSummarySchema):
    language = fields.String(required=True)
    source = fields.String(required=True)
    follows = fields.String(
        allow_none=True,
        metadata={"description": "The version of this format that this version amends."},
    )
    short_report = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "Keys of the questions of a short report."},
    )
    report_kinds = fields.List(fields.Nested(ReportKindSchema), required=True)
    parts = fields.List(fields.Nested(PartSchema), required=True)
    rules = fields.List(fields.Nested(RuleSchema), required=True)
