"""The schema of format files: Marshmallow validates a file and builds its definition tree.

Structural errors come from Marshmallow; semantic ones (duplicate keys, references to
unknown questions or enumerations) from `_check_references`. Both are reported as
`path: message` lines, e.g. `parts[1].sections[0].questions[3].kind: Must be one of ...`.
"""

from __future__ import annotations

from marshmallow import (
    RAISE,
    Schema,
    ValidationError,
    fields,
    post_load,
    validate,
    validates_schema,
)

from .definition import (
    REPLACEMENT_HOWS,
    Choice,
    Column,
    Format,
    Limits,
    Part,
    Question,
    Replacement,
    ReportKind,
    Rule,
    Section,
)
from .kinds import get_kind, kind_names
from .kinds.number import UNITS
from .states import DEFAULT_STATES

KEY = r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$"
SIMPLE_KEY = r"^[a-z0-9_]+$"
OPS = ["gt", "ge", "lt", "le", "eq", "ne"]
#: Ops on the number of options chosen in a multiple choice answer (with an integer `value`).
COUNT_OPS = ["count_ge", "count_le"]
#: Ceilings of the limits a format may set (pages stay fast within them).
MOST_TABLE_ROWS = 1000
MOST_TEXT_LENGTH = 100_000


class Condition(fields.Field):
    """{question, equals|in|contains} or {all: [...]} / {any: [...]}, recursively."""

    def _deserialize(self, value, attr, data, **kwargs):
        _check_condition(value)
        return value


def _check_condition(cond):
    if not isinstance(cond, dict):
        raise ValidationError("A condition must be a mapping.")
    if set(cond) in ({"all"}, {"any"}):
        items = next(iter(cond.values()))
        if not isinstance(items, list) or not items:
            raise ValidationError("'all'/'any' take a non-empty list of conditions.")
        for item in items:
            _check_condition(item)
        return
    tests = set(cond) - {"question"}
    if "question" not in cond or len(tests) != 1 or not tests <= {"equals", "in", "contains"}:
        raise ValidationError(
            "A condition is {question, equals|in|contains} or {all|any: [conditions]}."
        )
    if not isinstance(cond["question"], str):
        raise ValidationError("'question' must be a question key.")
    if "in" in cond and not isinstance(cond["in"], list):
        raise ValidationError("'in' takes a list.")


def condition_questions(cond) -> list[str]:
    if cond is None:
        return []
    if "all" in cond or "any" in cond:
        return [k for item in next(iter(cond.values())) for k in condition_questions(item)]
    return [cond["question"]]


class ChoiceSchema(Schema):
    class Meta:
        unknown = RAISE

    code = fields.String(required=True, validate=validate.Regexp(SIMPLE_KEY))
    label = fields.String(required=True, validate=validate.Length(min=1))

    @post_load
    def make(self, data, **kwargs):
        return Choice(**data)


def _kind_of(data: dict):
    """The answer kind a question or column names, or None for an unknown name (which the
    `kind` field reports)."""
    return get_kind(data["kind"]) if data.get("kind") in kind_names() else None


class _Typed(Schema):
    """Fields shared by questions and table columns."""

    class Meta:
        unknown = RAISE

    kind = fields.String(required=True, validate=validate.OneOf(kind_names()))
    help = fields.String()
    unit = fields.String(validate=validate.OneOf(list(UNITS)))
    min = fields.Raw()
    max = fields.Raw()
    max_length = fields.Integer(validate=validate.Range(min=1, max=MOST_TEXT_LENGTH))
    #: An enumeration name, or an inline list of choices.
    choices = fields.Raw()
    required = fields.Boolean(load_default=False)

    @validates_schema
    def check_kind_options(self, data, **kwargs):
        kind = _kind_of(data)
        if kind is None:
            return
        if kind.has_choices and "choices" not in data:
            raise ValidationError("This kind needs 'choices'.", "choices")
        if "choices" in data and not kind.has_choices:
            raise ValidationError(f"Kind {kind.name} takes no choices.", "choices")
        if "unit" in data and not kind.has_unit:
            raise ValidationError(f"Kind {kind.name} takes no unit.", "unit")
        for bound in ("min", "max"):
            if bound in data and not isinstance(data[bound], (int, float)):
                raise ValidationError("Must be a number.", bound)


class ColumnSchema(_Typed):
    key = fields.String(required=True, validate=validate.Regexp(SIMPLE_KEY))
    label = fields.String(required=True, validate=validate.Length(min=1))

    @validates_schema
    def check_column_kind(self, data, **kwargs):
        kind = _kind_of(data)
        if kind is not None and not kind.in_tables:
            raise ValidationError(f"Kind {data['kind']} cannot be a table column.", "kind")


class ReplacementSchema(Schema):
    """`replaces: [{key, how, choices}]`: a question of the followed version."""

    class Meta:
        unknown = RAISE

    key = fields.String(required=True, validate=validate.Regexp(KEY))
    how = fields.String(required=True, validate=validate.OneOf(REPLACEMENT_HOWS))
    choices = fields.Dict(
        keys=fields.String(validate=validate.Regexp(SIMPLE_KEY)),
        values=fields.String(validate=validate.Regexp(SIMPLE_KEY)),
    )

    @validates_schema
    def choices_recode(self, data, **kwargs):
        if data.get("choices") and data["how"] != "recoded":
            raise ValidationError("Only a 'recoded' replacement maps 'choices'.", "choices")

    @post_load
    def make(self, data, **kwargs):
        return Replacement(
            data["key"], data["how"], tuple(sorted((data.get("choices") or {}).items()))
        )


class QuestionSchema(_Typed):
    key = fields.String(required=True, validate=validate.Regexp(KEY))
    number = fields.String(required=True, validate=validate.Length(min=1, max=20))
    official_number = fields.String(validate=validate.Length(min=1, max=20))
    replaces = fields.List(fields.Nested(ReplacementSchema), validate=validate.Length(min=1))
    text = fields.String(required=True, validate=validate.Length(min=1))
    short = fields.Boolean(load_default=False)
    personal = fields.Boolean(load_default=False)
    period_bound = fields.Boolean(load_default=False)
    min_choices = fields.Integer(validate=validate.Range(min=1))
    prefill = fields.String(
        validate=validate.OneOf(
            [
                "party.iso3",
                "party.name",
                "party.ratification_date",
                "party.entry_into_force",
                "user.name",
                "user.email",
                "cycle.period_start",
                "cycle.period_end",
            ]
        )
    )
    allow_states = fields.List(fields.String(validate=validate.OneOf(DEFAULT_STATES)))
    visible_if = Condition()
    required_if = Condition()
    columns = fields.List(fields.Nested(ColumnSchema), validate=validate.Length(min=1))
    min_rows = fields.Integer(validate=validate.Range(min=1))
    max_rows = fields.Integer(validate=validate.Range(min=1, max=MOST_TABLE_ROWS))

    @validates_schema
    def check_table(self, data, **kwargs):
        kind = _kind_of(data)
        is_table = kind is not None and kind.tabular
        if is_table and "columns" not in data:
            raise ValidationError("A table needs 'columns'.", "columns")
        if not is_table and ({"columns", "min_rows", "max_rows"} & set(data)):
            raise ValidationError(
                "Only tables take 'columns', 'min_rows' and 'max_rows'.", "columns"
            )
        if data.get("min_rows", 0) > data.get("max_rows", MOST_TABLE_ROWS):
            raise ValidationError("'min_rows' cannot exceed 'max_rows'.", "min_rows")
        if "min_choices" in data and not (kind is not None and kind.multiple):
            raise ValidationError("Only multiple_choice takes 'min_choices'.", "min_choices")


class SectionSchema(Schema):
    class Meta:
        unknown = RAISE

    key = fields.String(required=True, validate=validate.Regexp(SIMPLE_KEY))
    title = fields.String(required=True)
    article = fields.String(allow_none=True, load_default=None)
    intro = fields.String()
    questions = fields.List(
        fields.Nested(QuestionSchema), required=True, validate=validate.Length(min=1)
    )


class PartSchema(Schema):
    class Meta:
        unknown = RAISE

    key = fields.String(required=True, validate=validate.Regexp(r"^[A-Z]$"))
    title = fields.String(required=True)
    in_every_report = fields.Boolean(load_default=False)
    sections = fields.List(
        fields.Nested(SectionSchema), required=True, validate=validate.Length(min=1)
    )


class CheckSchema(Schema):
    class Meta:
        unknown = RAISE

    left = fields.String(required=True, validate=validate.Regexp(KEY))
    op = fields.String(required=True, validate=validate.OneOf(OPS + COUNT_OPS))
    right = fields.String(validate=validate.Regexp(KEY))
    value = fields.Raw()

    @validates_schema
    def one_right_side(self, data, **kwargs):
        if ("right" in data) == ("value" in data):
            raise ValidationError("Give exactly one of 'right' and 'value'.")
        if data.get("op") in COUNT_OPS and not (
            type(data.get("value")) is int and data["value"] >= 0
        ):
            raise ValidationError("A count op takes a whole number 'value' (0 or more).", "value")


class RuleSchema(Schema):
    class Meta:
        unknown = RAISE

    key = fields.String(required=True, validate=validate.Regexp(SIMPLE_KEY))
    severity = fields.String(required=True, validate=validate.OneOf(["error", "warning"]))
    when = Condition()
    check = fields.Nested(CheckSchema, required=True)
    message = fields.String(required=True)
    questions = fields.List(
        fields.String(validate=validate.Regexp(KEY)), required=True, validate=validate.Length(min=1)
    )


class LimitsSchema(Schema):
    """Limits for the questions of a format that set none of their own."""

    class Meta:
        unknown = RAISE

    table_rows = fields.Integer(validate=validate.Range(min=1, max=MOST_TABLE_ROWS))
    text_length = fields.Integer(validate=validate.Range(min=1, max=MOST_TEXT_LENGTH))
    long_text_length = fields.Integer(validate=validate.Range(min=1, max=MOST_TEXT_LENGTH))

    @post_load
    def make(self, data, **kwargs):
        return Limits(**data)


class ReportKindSchema(Schema):
    """A kind of report the format is filled in as: its code, label, cadence and questions
    ("all", or "marked": the questions flagged `short: true` and the parts in every report)."""

    class Meta:
        unknown = RAISE

    code = fields.String(required=True, validate=validate.Regexp(SIMPLE_KEY))
    name = fields.String(required=True, validate=validate.Length(min=1))
    label = fields.String(required=True, validate=validate.Length(min=1))
    every_years = fields.Integer(validate=validate.Range(min=1, max=10))
    questions = fields.String(load_default="all", validate=validate.OneOf(["all", "marked"]))

    @post_load
    def make(self, data, **kwargs):
        return ReportKind(**data)


def _unique_codes(kinds):
    codes = [k["code"] if isinstance(k, dict) else k.code for k in kinds]
    if len(set(codes)) != len(codes):
        raise ValidationError("Report kind codes must be unique.")


class FormatFileSchema(Schema):
    class Meta:
        unknown = RAISE

    id = fields.String(required=True, validate=validate.Regexp(r"^[a-z][a-z0-9_-]*$"))
    version = fields.String(required=True, validate=validate.Regexp(r"^[0-9][0-9A-Za-z.\-]*$"))
    title = fields.String(required=True)
    source = fields.String()
    follows = fields.String(validate=validate.Regexp(r"^[0-9][0-9A-Za-z.\-]*$"))
    enumerations = fields.Dict(
        keys=fields.String(validate=validate.Regexp(SIMPLE_KEY)),
        values=fields.List(fields.Nested(ChoiceSchema), validate=validate.Length(min=1)),
        load_default=dict,
    )
    parts = fields.List(fields.Nested(PartSchema), required=True, validate=validate.Length(min=1))
    rules = fields.List(fields.Nested(RuleSchema), load_default=list)
    limits = fields.Nested(LimitsSchema, load_default=Limits)
    report_kinds = fields.List(
        fields.Nested(ReportKindSchema),
        required=True,
        validate=[validate.Length(min=1), _unique_codes],
    )


def flatten_errors(messages, prefix: str = "") -> list[str]:
    """Marshmallow's nested error dict as `path: message` lines."""
    lines = []
    if isinstance(messages, dict):
        for key, value in messages.items():
            if isinstance(key, int):
                path = f"{prefix}[{key}]"
            elif key == "_schema":
                path = prefix
            else:
                path = f"{prefix}.{key}" if prefix else str(key)
            lines.extend(flatten_errors(value, path))
    elif isinstance(messages, list):
        for item in messages:
            lines.extend(flatten_errors(item, prefix))
    else:
        lines.append(f"{prefix or '(file)'}: {messages}")
    return lines


class FormatInvalid(Exception):
    """A format file that fails validation; `errors` are `path: message` lines."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("; ".join(errors))


def build_format(raw: dict, path: str | None = None) -> Format:
    """Validate a parsed format file and build its definition tree."""
    try:
        data = FormatFileSchema().load(raw)
    except ValidationError as exc:
        raise FormatInvalid(flatten_errors(exc.messages)) from exc
    errors = _check_references(data)
    if errors:
        raise FormatInvalid(errors)
    return _to_definition(data, path)


def _choices(spec: dict, enumerations: dict) -> tuple[Choice, ...]:
    choices = spec.get("choices")
    if choices is None:
        return ()
    if isinstance(choices, str):
        return tuple(enumerations[choices])
    return tuple(ChoiceSchema().load(item) for item in choices)


def _check_references(data: dict) -> list[str]:
    """Keys unique; conditions and rules refer to earlier questions; choices exist."""
    errors, seen, sections = [], {}, set()
    enums = data["enumerations"]

    def check_choices(spec, where):
        choices = spec.get("choices")
        if isinstance(choices, str) and choices not in enums:
            errors.append(f"{where}.choices: unknown enumeration {choices!r}")
        elif isinstance(choices, list):
            try:
                ChoiceSchema(many=True).load(choices)
            except ValidationError as exc:
                errors.extend(flatten_errors(exc.messages, f"{where}.choices"))

    for pi, part in enumerate(data["parts"]):
        for si, section in enumerate(part["sections"]):
            where_s = f"parts[{pi}].sections[{si}]"
            if section["key"] in sections:
                errors.append(f"{where_s}.key: duplicate section key {section['key']!r}")
            sections.add(section["key"])
            for qi, q in enumerate(section["questions"]):
                where = f"{where_s}.questions[{qi}] ({q['key']})"
                if q["key"] in seen:
                    errors.append(f"{where}.key: duplicate question key {q['key']!r}")
                for attr in ("visible_if", "required_if"):
                    for ref in condition_questions(q.get(attr)):
                        if ref not in seen:
                            errors.append(
                                f"{where}.{attr}: refers to {ref!r}, "
                                "which is not a question defined before this one"
                            )
                check_choices(q, where)
                if q.get("min_rows", 0) > q.get("max_rows", data["limits"].table_rows):
                    errors.append(f"{where}.min_rows: more than the table's most rows")
                column_keys = set()
                for ci, column in enumerate(q.get("columns", [])):
                    if column["key"] in column_keys:
                        errors.append(f"{where}.columns[{ci}].key: duplicate column key")
                    column_keys.add(column["key"])
                    check_choices(column, f"{where}.columns[{ci}]")
                seen[q["key"]] = q
    for ri, rule in enumerate(data["rules"]):
        refs = [
            rule["check"]["left"],
            rule["check"].get("right"),
            *rule["questions"],
            *condition_questions(rule.get("when")),
        ]
        for ref in filter(None, refs):
            if ref not in seen:
                errors.append(f"rules[{ri}] ({rule['key']}): unknown question {ref!r}")
        left = seen.get(rule["check"]["left"])
        if (
            rule["check"]["op"] in COUNT_OPS
            and left is not None
            and not get_kind(left["kind"]).multiple
        ):
            errors.append(
                f"rules[{ri}] ({rule['key']}).check.op: a count op needs a "
                "multiple choice question on the left"
            )
    return errors


def _to_definition(data: dict, path: str | None) -> Format:
    """The loaded file as definition dataclasses. The file's field names are the
    dataclasses' own, so each node is built from its loaded fields; only what the file
    leaves to the loader is resolved here (kinds, enumerations, defaults from the limits,
    the enclosing part and section)."""
    enums = {name: tuple(items) for name, items in data["enumerations"].items()}
    limits: Limits = data["limits"]

    def typed(spec):
        kind = get_kind(spec["kind"])
        return {
            **spec,
            "kind": kind,
            "choices": _choices(spec, enums),
            "max_length": spec.get("max_length") or kind.default_max_length(limits),
        }

    def question(spec, part, section):
        out = typed(spec)
        return Question(
            **{
                **out,
                "allow_states": tuple(spec.get("allow_states", DEFAULT_STATES)),
                "columns": tuple(Column(**typed(c)) for c in spec.get("columns", [])),
                "replaces": tuple(spec.get("replaces", ())),
                "max_rows": spec.get("max_rows", limits.table_rows)
                if out["kind"].tabular
                else None,
                "part_key": part["key"],
                "section_key": section["key"],
                "article": section.get("article"),
            }
        )

    parts = tuple(
        Part(
            **{
                **p,
                "sections": tuple(
                    Section(**{**s, "questions": tuple(question(q, p, s) for q in s["questions"])})
                    for s in p["sections"]
                ),
            }
        )
        for p in data["parts"]
    )
    rules = tuple(Rule(**{**r, "questions": tuple(r["questions"])}) for r in data["rules"])
    return Format(
        **{
            **data,
            "parts": parts,
            "rules": rules,
            "enumerations": enums,
            "report_kinds": tuple(data["report_kinds"]),
            "path": path,
        }
    )
