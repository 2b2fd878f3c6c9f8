"""The base answer kind and the registry of kinds."""

from __future__ import annotations

import random
import re
from typing import Any, ClassVar, NamedTuple

from flask_babel import gettext as _
from marshmallow import fields, validate
from wtforms import StringField

_KINDS: dict[str, AnswerKind] = {}


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


class PaperBox(NamedTuple):
    """The space left for a value on the printable (blank) questionnaire."""

    #: A faint hint written inside the box (a lazy string: translated when printed).
    hint: Any = ""
    #: The box's height in points.
    height: float = 22
    #: Does the box take the whole line (free text), or half of it?
    full_width: bool = False


def register(cls: type[AnswerKind]) -> type[AnswerKind]:
    _KINDS[cls.name] = cls()
    return cls


def get_kind(name: str) -> AnswerKind:
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

    # -- capabilities: what consumers ask instead of the kind's name ----------------
    #: Are the values quantities, compared across Parties (integer, decimal, percentage;
    #: a year is a number but no quantity)?
    quantity: ClassVar[bool] = False
    #: Is a sum of the values meaningful (across Parties, or over a table's rows)? Amounts
    #: are; a percentage is a quantity (medians, ranges) but summing shares means nothing.
    summable: ClassVar[bool] = False
    #: Is the value a code (or codes) of options listed on the question (yes/no, choices),
    #: so that analyses and charts count Parties per option?
    coded: ClassVar[bool] = False
    #: May one answer hold several codes (a list of them)?
    multiple: ClassVar[bool] = False
    #: The codes of the affirmative and the negative answer of a yes/no kind (("yes",
    #: "no")), so that a yes that became a no can be flagged; None for other kinds.
    yes_and_no: ClassVar[tuple[str, str] | None] = None
    #: Is the value rows of typed columns (a table, its cells stored apart)?
    tabular: ClassVar[bool] = False
    #: Is the value the token of an uploaded file (an attachment)?
    attachment: ClassVar[bool] = False
    #: The `dir` of the value's input: "auto" for free text (it follows its own script),
    #: "ltr" for what reads left to right in every language (numbers, dates, addresses);
    #: None to leave it to the page (choices show translated labels).
    text_direction: ClassVar[str | None] = None
    #: The long export's value column of this kind: value_code (with value_label),
    #: value_number (with unit), value_date or value_text; None when the kind's values go
    #: elsewhere (a table's cells).
    export_column: ClassVar[str | None] = "value_text"
    #: The type of the value's column in the wide export and its schemas (a Table Schema
    #: type: string, integer, number or date).
    export_type: ClassVar[str] = "string"
    #: Relative width of a table column of this kind in PDFs: free text needs room,
    #: numbers little.
    pdf_width: ClassVar[float] = 1.0
    #: The box a value is written in on the printable questionnaire.
    paper_box: ClassVar[PaperBox] = PaperBox()
    #: The id of the page's <datalist> that a table cell of this kind suggests values from
    #: (one list per page, not one per row), or None.
    datalist: ClassVar[str | None] = None

    #: What static/js/checks.js checks of a typed value when the field is left: "integer",
    #: "decimal", "date" or "text" (see `client_rules`); None when the input offers only
    #: valid values (choices, files) or the check is left to the server.
    client_check: ClassVar[str | None] = None

    def field(self, spec) -> fields.Field:
        """The Marshmallow field that parses and type-checks one value (draft mode)."""
        raise NotImplementedError

    def client_rules(self, spec) -> dict:
        """The checks the browser runs on a typed value (static/js/checks.js), read off the
        kind's Marshmallow field: its bounds and lengths, and its messages, translated and
        formatted as the server gives them. Empty when the kind has no `client_check`."""
        if self.client_check is None:
            return {}
        field = self.field(spec)
        rules: dict = {
            "check": self.client_check,
            "invalid": str(field.error_messages["invalid"]),
        }
        if "special" in field.error_messages:
            rules["special"] = str(field.error_messages["special"])
        for check in field.validators:
            if isinstance(check, validate.Range):
                rules.setdefault("ranges", []).append(
                    {
                        "min": None if check.min is None else str(check.min),
                        "max": None if check.max is None else str(check.max),
                        "message": (check.error or "").format(
                            input="", min=check.min, max=check.max
                        ),
                    }
                )
            elif isinstance(check, validate.Email):
                rules["email"] = {
                    "user": js_pattern(check.USER_REGEX.pattern),
                    "domain": js_pattern(check.DOMAIN_REGEX.pattern),
                    "allowed": list(check.DOMAIN_WHITELIST),
                    "message": check.error.format(input=""),
                }
            elif isinstance(check, validate.URL):
                regex = check._regex(  # the validator's own pattern (memoized on its class)
                    relative=check.relative, absolute=check.absolute, require_tld=check.require_tld
                )
                rules["url"] = {
                    "pattern": js_pattern(regex.pattern),
                    "schemes": sorted(check.schemes),
                    "message": check.error.format(input=""),
                }
            elif isinstance(check, validate.Length) and check.max is not None:
                rules["max_length"] = check.max
                rules["length_message"] = (check.error or "").format(
                    input="", min=check.min, max=check.max, equal=check.equal
                )
        return rules

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

    def default_max_length(self, limits) -> int | None:
        """The most characters a value takes when the question sets none: the format's
        `limits` for its text kinds, None for kinds that are not free text."""
        return None

    # -- presentation ----------------------------------------------------------
    def display(self, spec, value: Any) -> str:
        """The value as text for people (PDF, diffs, exports' label columns)."""
        return "" if value is None else str(value)

    def localized(self, spec, value: Any) -> str:
        """A parsed value as text for readers in the current locale (PDFs): numbers with
        the locale's signs, dates in words, options by their labels. No unit."""
        return self.display(spec, value)

    # -- codes (the kinds that are `coded`) ------------------------------------
    def codes(self, spec) -> list[str]:
        """The codes a value of a coded kind may take; none for other kinds."""
        return []

    def label(self, spec, code: str) -> str:
        """The label of one of the codes (format text, not yet translated)."""
        return code

    def options(self, spec) -> list[tuple[str, str]]:
        """(code, label) of each of the codes."""
        return [(c, self.label(spec, c)) for c in self.codes(spec)]

    def code_label(self, code: str, language: str) -> str | None:
        """The label in `language` of a code that no question lists (a country's name);
        None when a code's label comes from the question's options."""
        return None

    # -- sample data -------------------------------------------------------------
    def sample(self, spec, rng: random.Random, *, year: int = 2024, rows: int = 2) -> Any:
        """A plausible valid value for demo data, tests and benchmarks (None: no sample,
        e.g. a file). `rng` is drawn from in a fixed way, so that the same seed gives the
        same answers; a table has `rows` rows."""
        return None

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


def js_pattern(pattern: str) -> str:
    """A Python regular expression (of Marshmallow's validators) for JavaScript's RegExp
    with the "iu" flags, matched from the start as `re.match` does: Python's Unicode
    classes, octal escapes and end anchor written the JavaScript way."""
    pattern = re.sub(r"\\([0-7]{3})", lambda m: f"\\x{int(m.group(1), 8):02x}", pattern)
    pattern = pattern.replace("\\Z", "$").replace("\\d", "\\p{Nd}")
    # \w inside a class, then alone (Python's \w: letters, numbers and "_").
    pattern = re.sub(r"\\w(?=[^\[]*\])", r"\\p{L}\\p{N}_", pattern)
    pattern = pattern.replace("\\w", "[\\p{L}\\p{N}_]")
    return f"^(?:{pattern})"


def error_messages(**overrides) -> dict:
    """Translated messages for Marshmallow's generic field errors."""
    messages = {
        "required": _("This question requires an answer."),
        "null": _("This question requires an answer."),
        "invalid": _("This value is not valid."),
    }
    messages.update(overrides)
    return messages
