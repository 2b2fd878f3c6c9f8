"""The Marshmallow schema of a report, derived from its format, in two modes.

- draft: types only. Every answer is optional; a bad value is an error at its question.
- submit: the draft checks plus required, conditional and cross-field rules
  (severity "error"); errors are keyed by question key, table cells by row and column.

A report's data is `{question_key: {"state", "value", "confidential", "comment"}}`.
"""

from __future__ import annotations

from functools import lru_cache

from flask_babel import get_locale
from flask_babel import gettext as _
from marshmallow import (
    RAISE,
    Schema,
    ValidationError,
    fields,
    post_load,
    pre_load,
    validate,
    validates_schema,
)

from ..inputs import NUL_MESSAGE, has_nul
from .checks import submission_issues
from .definition import Format, Question
from .issues import issues_to_messages


def _field_name(key: str) -> str:
    # Marshmallow treats dots in attribute names as paths; keys stay as data_key.
    return key.replace(".", "__")


def _clean(value):
    """Blank input is no input: strip strings, drop empty strings and empty table rows."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, list):
        items = [_clean(v) for v in value]
        return [v for v in items if v is not None and v != {}]
    if isinstance(value, dict):
        cleaned = {k: _clean(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v is not None} and cleaned
    return value


def _refuse_nul(question: Question, data: dict) -> None:
    """A NUL character cannot be stored (PostgreSQL refuses it): an error where it is."""
    message = str(NUL_MESSAGE)
    errors: dict = {}
    value = data.get("value")
    if question.kind.tabular and isinstance(value, list):
        cells = {
            index: {str(k): [message] for k, v in row.items() if has_nul(k) or has_nul(v)}
            for index, row in enumerate(value)
            if isinstance(row, dict)
        }
        if any(cells.values()):
            errors["value"] = {index: by_column for index, by_column in cells.items() if by_column}
    elif has_nul(value):
        errors["value"] = [message]
    errors.update({name: [message] for name in ("state", "comment") if has_nul(data.get(name))})
    if errors:
        raise ValidationError(errors)


#: Built answer schemas: (id of the question, locale) -> (the question, its schema class).
_ANSWER_SCHEMAS: dict[tuple[int, str], tuple[Question, type[Schema]]] = {}
_MAX_ANSWER_SCHEMAS = 20_000


def answer_schema(question: Question) -> type[Schema]:
    """The schema class of one answer to `question`, built once per question and locale
    (its messages are translated when it is built; a format and its questions never
    change once loaded, so the class is kept with the question it belongs to)."""
    key = (id(question), str(get_locale() or "en"))
    found = _ANSWER_SCHEMAS.get(key)
    if found is not None and found[0] is question:
        return found[1]
    schema = _answer_schema(question)
    if len(_ANSWER_SCHEMAS) >= _MAX_ANSWER_SCHEMAS:  # formats loaded again and again (tests)
        _ANSWER_SCHEMAS.clear()
    _ANSWER_SCHEMAS[key] = (question, schema)
    return schema


def _answer_schema(question: Question) -> type[Schema]:
    states = list(question.states)

    class AnswerSchema(Schema):
        class Meta:
            unknown = RAISE

        state = fields.String(
            load_default="value",
            validate=validate.OneOf(states, error=_("This answer option is not offered here.")),
        )
        value = question.kind.field(question)
        confidential = fields.Boolean(load_default=False)
        comment = fields.String(
            allow_none=True, load_default=None, validate=validate.Length(max=5000)
        )

        @pre_load
        def blank_is_none(self, data, **kwargs):
            if not isinstance(data, dict):
                raise ValidationError(_("An answer is an object with a state and a value."))
            data = dict(data)
            if "value" in data:
                data["value"] = _clean(data["value"])
                if isinstance(data["value"], list) and question.kind.tabular:
                    data["value"] = [row for row in data["value"] if row]
            if isinstance(data.get("comment"), str):
                data["comment"] = data["comment"].strip() or None
            _refuse_nul(question, data)
            return data

        @post_load
        def drop_value_of_state(self, data, **kwargs):
            data.setdefault("value", None)
            if data["state"] != "value":
                data["value"] = None  # "not applicable" and friends carry no value
            return data

    AnswerSchema.__name__ = f"Answer_{_field_name(question.key)}"
    return AnswerSchema


class _ReportSchemaBase(Schema):
    format: Format
    kind: str | None

    class Meta:
        unknown = RAISE

    @post_load
    def by_question_key(self, data, **kwargs):
        keys = {_field_name(q.key): q.key for q in self.format.iter_questions(self.kind)}
        return {keys[name]: answer for name, answer in data.items()}


class _SubmitChecks:
    @validates_schema(skip_on_field_errors=True)
    def submission_rules(self, data, **kwargs):
        by_key = {
            q.key: data.get(_field_name(q.key)) for q in self.format.iter_questions(self.kind)
        }
        errors = [
            i for i in submission_issues(self.format, by_key, self.kind) if i.severity == "error"
        ]
        if errors:
            raise ValidationError(issues_to_messages(errors))


def report_schema(fmt: Format, kind: str | None = None, mode: str = "draft") -> type[Schema]:
    """The schema class of a report of `fmt` of report kind `kind` (None: every question)
    in a mode.

    Messages are translated when the fields are built, so classes are cached per locale;
    every kind that asks all questions shares the class of None.
    """
    selecting = None if kind is None or fmt.report_kind(kind).asks_all else kind
    return _report_schema(fmt, selecting, mode, str(get_locale() or "en"))


@lru_cache(maxsize=64)
def _report_schema(fmt: Format, kind: str | None, mode: str, locale: str) -> type[Schema]:
    fields_ = {
        _field_name(q.key): fields.Nested(answer_schema(q), data_key=q.key)
        for q in fmt.iter_questions(kind)
    }
    bases = (_SubmitChecks, _ReportSchemaBase) if mode == "submit" else (_ReportSchemaBase,)
    schema = type(
        f"Report_{fmt.id}_{kind or 'all'}_{mode}",
        bases,
        {**fields_, "format": fmt, "kind": kind},
    )
    return schema
