"""The base answer kind and the registry of kinds."""
from __future__ import annotations

from typing import Any, ClassVar, NamedTuple

from flask_babel import gettext as _
from marshmallow import fields
from wtforms import StringField

_KINDS: dict[str, "AnswerKind"] = {}


class Problem(NamedTuple):
    """A submit-time problem of one value; row and column locate a table cell."""

    message: str
    row: int | None = None
    column: str | None = None


class UnreadableValue(ValueError):
    """A stored value its kind cannot take, e.g. a number beyond the kind's range written
    by an old version or by a direct edit of the database. `text` is the value as stored,
    shown back (and re-validated) like input kept as typed, so that it becomes an error on
    its question instead of breaking every page that reads the report."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text


def register(cls: type["AnswerKind"]) -> type["AnswerKind"]:
    _KINDS[cls.name] = cls()
    return cls


def get_kind(name: str) -> "AnswerKind":
    return _KINDS[name]


def kind_names() -> list[str]:
    return sorted(_KINDS)


class AnswerKind:
    """What every answer kind provides. `spec` is a Question or a table Column."""

    name: ClassVar[str]
    #: Which typed column stores the value: text, number, date or json.
    storage: ClassVar[str] = "text"
    #: May a table column have this kind?
    in_tables: ClassVar[bool] = True
    #: Has the kind a list of choices?
    has_choices: ClassVar[bool] = False
    #: Does the kind take a unit (numbers)?
    has_unit: ClassVar[bool] = False

    def field(self, spec) -> fields.Field:
        """The Marshmallow field that parses and type-checks one value (draft mode)."""
        raise NotImplementedError

    def submit_errors(self, spec, value) -> list[Problem]:
        """Further checks applied when submitting (e.g. a minimum number of choices)."""
        return []

    def is_empty(self, value: Any) -> bool:
        return value is None or value == "" or value == []

    # -- storage ---------------------------------------------------------------
    def to_columns(self, value: Any) -> dict:
        """The typed column values for a parsed value."""
        columns = {"value_text": None, "value_number": None, "value_date": None, "value_json": None}
        if value is not None:
            columns[f"value_{self.storage}"] = value
        return columns

    def read_columns(self, row) -> Any:
        """The value stored in the typed columns; raises `UnreadableValue` for one the kind
        cannot take (see `load_answers`, which shows it as an error on its question)."""
        return getattr(row, f"value_{self.storage}")

    def from_columns(self, row) -> Any:
        """The stored value, or None for one the kind cannot take (exports, aggregates and
        conditions skip it rather than fail)."""
        try:
            return self.read_columns(row)
        except UnreadableValue:
            return None

    # -- presentation ----------------------------------------------------------
    def display(self, spec, value: Any) -> str:
        """The value as text for people (PDF, diffs, exports' label columns)."""
        return "" if value is None else str(value)

    # -- web forms (WTForms) ---------------------------------------------------
    # A form field carries the value as typed (strings): parsing and its messages are the
    # Marshmallow field's job (`field`), so that a draft keeps bad input to show it back.
    def form_field(self, spec, label=None, *, in_table: bool = False, **options):
        """The unbound WTForms field that edits one value of this kind."""
        return StringField(label, render_kw=self.input_attributes(spec))

    def input_attributes(self, spec) -> dict:
        """Extra HTML attributes of the input (e.g. `inputmode` for numbers)."""
        return {}

    def form_data(self, spec, value: Any) -> Any:
        """What the field shows for a stored value (a parsed value, or raw text kept as typed)."""
        return "" if value is None else str(value)

    def form_value(self, spec, data: Any) -> Any:
        """The value for a save payload from what the field received (a blank is None)."""
        if isinstance(data, str):
            return data.strip() or None
        return data


def error_messages(**overrides) -> dict:
    """Translated messages for Marshmallow's generic field errors."""
    messages = {
        "required": _("This question requires an answer."),
        "null": _("This question requires an answer."),
        "invalid": _("This value is not valid."),
    }
    messages.update(overrides)
    return messages
