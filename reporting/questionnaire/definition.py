"""The immutable tree of a reporting format: format > part > section (article) > question."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .states import DEFAULT_STATES, VALUE

if TYPE_CHECKING:
    from .kinds.base import AnswerKind


@dataclass(frozen=True)
class Limits:
    """A format's limits for questions that set none of their own: rows per table and
    characters per text, so that no answer can make a page slow to save or to show."""

    table_rows: int = 200
    text_length: int = 500
    long_text_length: int = 20000


@dataclass(frozen=True)
class Choice:
    code: str
    label: str


class _Offered:
    """What a question or a column offers to choose from."""

    kind: AnswerKind
    choices: tuple[Choice, ...]

    @property
    def options(self) -> tuple[Choice, ...]:
        """The options of a coded kind: the format's choices, or the kind's own (yes/no,
        labels in the current language); empty for a kind that is not coded."""
        if not self.kind.coded:
            return ()
        return tuple(Choice(code, self.kind.label(self, code)) for code in self.kind.codes(self))


#: How a question of a newer format version follows one of the version it follows:
#: `renamed` (same question, new key: values carry as they are), `recoded` (same
#: question, choice codes mapped by `choices`), `split` (one older question became
#: several: nothing carries by itself), `merged` (several older questions became this
#: one; a report answers at most one of them, as with alternatives under a condition:
#: where it answered several, the first in the older format's order carries).
REPLACEMENT_HOWS = ("renamed", "recoded", "split", "merged")


@dataclass(frozen=True)
class Replacement:
    """A question of the followed version that a newer question replaces (`key` is the
    older key), with the older choice codes mapped to the newer ones (`choices`, older
    code -> newer code; a code left out keeps its code)."""

    key: str
    how: str
    choices: tuple[tuple[str, str], ...] = ()

    def recode(self, code):
        return dict(self.choices).get(code, code)


@dataclass(frozen=True)
class Column(_Offered):
    """A typed column of a table question."""

    key: str
    label: str
    kind: AnswerKind
    unit: str | None = None
    choices: tuple[Choice, ...] = ()
    required: bool = False
    min: Any = None
    max: Any = None
    max_length: int | None = None
    help: str | None = None

    @property
    def choice_codes(self) -> list[str]:
        return [c.code for c in self.choices]


@dataclass(frozen=True)
class Question(_Offered):
    key: str
    number: str
    text: str
    kind: AnswerKind
    #: The number in the official (paper) format where it differs from `number`, so the
    #: official numbering can be adopted without renaming a key.
    official_number: str | None = None
    help: str | None = None
    required: bool = False
    short: bool = False
    #: The answer identifies a person (a contact officer's name, e-mail, telephone): kept
    #: out of data published to partners.
    personal: bool = False
    #: The answer is a fact of the reporting period (a yearly quantity, a date of the
    #: period): a new report does not carry it over, it shows it beside the question.
    period_bound: bool = False
    unit: str | None = None
    min: Any = None
    max: Any = None
    max_length: int | None = None
    choices: tuple[Choice, ...] = ()
    min_choices: int | None = None
    prefill: str | None = None
    allow_states: tuple[str, ...] = DEFAULT_STATES
    visible_if: dict | None = None
    required_if: dict | None = None
    columns: tuple[Column, ...] = ()
    min_rows: int | None = None
    #: Most rows a table takes (the format's `limits.table_rows` unless the question says).
    max_rows: int | None = None
    #: Questions of the version this format follows that this one replaces.
    replaces: tuple[Replacement, ...] = ()
    #: Filled in by the format: the enclosing part and section keys.
    part_key: str = ""
    section_key: str = ""
    article: str | None = None

    @property
    def choice_codes(self) -> list[str]:
        return [c.code for c in self.choices]

    def choice_label(self, code: str) -> str | None:
        return next((c.label for c in self.choices if c.code == code), None)

    @property
    def shown_number(self) -> str:
        """The number pages and papers show: the official one where the format gives it."""
        return self.official_number or self.number

    @property
    def states(self) -> tuple[str, ...]:
        """Every state an answer to the question may take: a value, or an allowed state."""
        return (VALUE, *self.allow_states)

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    questions: tuple[Question, ...]
    article: str | None = None
    intro: str | None = None


@dataclass(frozen=True)
class Part:
    key: str
    title: str
    sections: tuple[Section, ...]
    in_every_report: bool = False


@dataclass(frozen=True)
class Rule:
    """A cross-field rule; `error` blocks submission, `warning` asks for confirmation."""

    key: str
    severity: str
    check: dict
    message: str
    questions: tuple[str, ...]
    when: dict | None = None


@dataclass(frozen=True)
class ReportKind:
    """A kind of report a format is filled in as (short, full, annual...), and its cadence.

    `questions` is "all" or "marked": a marked report asks the questions flagged
    `short: true` and every question of the parts `in_every_report`. `name` is what a
    cycle is called by ("Short report" 2023), `label` says the cadence too."""

    code: str
    name: str
    label: str
    every_years: int | None = None
    questions: str = "all"

    @property
    def asks_all(self) -> bool:
        return self.questions == "all"


@dataclass(frozen=True, eq=False)
class Format:
    """A reporting format version; compared and hashed by identity (one object per file)."""

    id: str
    version: str
    title: str
    parts: tuple[Part, ...]
    rules: tuple[Rule, ...] = ()
    source: str | None = None
    enumerations: dict[str, tuple[Choice, ...]] = field(default_factory=dict)
    path: str | None = None
    limits: Limits = field(default_factory=Limits)
    report_kinds: tuple[ReportKind, ...] = ()
    #: The version of the same format id that this version amends: its questions'
    #: `replaces` name questions of that version.
    follows: str | None = None

    @cached_property
    def _index(self) -> dict[str, Question]:
        """Question by key (built on first use; a cached_property, since the dataclass
        is frozen, and no field, since it is derived from `parts`)."""
        return {q.key: q for q in self.iter_questions()}

    def report_kind(self, code: str) -> ReportKind:
        """The report kind `code` of this format (LookupError if it declares none such)."""
        for report_kind in self.report_kinds:
            if report_kind.code == code:
                return report_kind
        raise LookupError(f"format {self.label} has no report kind {code!r}")

    @property
    def marked_kind(self) -> str | None:
        """The code of the first report kind that asks only the marked questions (None if
        every kind asks them all: then no question is left out of any report)."""
        return next((k.code for k in self.report_kinds if not k.asks_all), None)

    @property
    def report_kind_codes(self) -> list[str]:
        return [k.code for k in self.report_kinds]

    def iter_questions(self, kind: str | None = None) -> Iterator[Question]:
        """Questions in order; a report kind that asks the marked questions keeps the
        asterisked subset (and the parts in every report); None: every question."""
        marked_only = kind is not None and not self.report_kind(kind).asks_all
        for part in self.parts:
            for section in part.sections:
                for q in section.questions:
                    if marked_only and not (q.short or part.in_every_report):
                        continue
                    yield q

    def contents(
        self,
        kind: str | None = None,
        keep: Callable[[Question], bool] | None = None,
    ) -> list[tuple[Part, list[tuple[Section, list[Question]]]]]:
        """Parts > sections > questions of the report kind that `keep` accepts, in order,
        leaving out sections and parts left empty: the walk that pages and PDFs share."""
        asked = {q.key for q in self.iter_questions(kind)}
        out = []
        for part in self.parts:
            sections = [
                (s, [q for q in s.questions if q.key in asked and (keep is None or keep(q))])
                for s in part.sections
            ]
            sections = [(s, qs) for s, qs in sections if qs]
            if sections:
                out.append((part, sections))
        return out

    def questions(self, kind: str | None = None) -> list[Question]:
        return list(self.iter_questions(kind))

    def question(self, key: str) -> Question:
        return self._index[key]

    def has_question(self, key: str) -> bool:
        return key in self._index

    def sections(self, kind: str | None = None) -> list[Section]:
        """Sections with at least one question in the report kind."""
        return [s for _part, sections in self.contents(kind) for s, _questions in sections]

    def section(self, key: str) -> Section:
        return next(s for p in self.parts for s in p.sections if s.key == key)

    @property
    def label(self) -> str:
        return f"{self.id} {self.version}"
