"""The cycles and questions a selection covers, resolved from the cycles' formats.

A plan is computed once per export (a few small queries and the format trees) and holds
every label in the chosen language, so that row generators need neither the database
for metadata nor a locale while they stream: labels are looked up, not translated, per
row. Which questions a cycle asked is decided here: the questions of the cycle's format
in its report kind (short or full), narrowed by the article and question filters.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from flask_babel import force_locale, gettext as _, lazy_gettext as _l
from sqlalchemy import select

from schemas.formats import QuestionSchema

from ..extensions import db
from ..models import Party, ReportingCycle
from ..questionnaire import get_format
from ..questionnaire.definition import Column, Format, Question
from ..questionnaire.kinds import AnswerKind
from ..questionnaire.states import STATE_LABELS as ANSWER_STATE_LABELS, VALUE
from .filters import ExportFilters, FilterError

#: Labels of the answer states (same words as the forms, but "Value" for a value).
STATE_LABELS = {VALUE: _l("Value"), **ANSWER_STATE_LABELS}

#: The one document of a question (the API's too), dumped in the plan's language.
_DOCUMENT = QuestionSchema()


class _Kinded:
    """What the answer kind of `spec` can do: exports, analyses and charts ask these
    capabilities, never the kind's name (which they only write out)."""

    spec: Question | Column

    @property
    def answer_kind(self) -> AnswerKind:
        return self.spec.kind

    @property
    def kind(self) -> str:
        """The kind's name, as the files write it."""
        return self.spec.kind.name

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def unit(self) -> str | None:
        return self.spec.unit

    @cached_property
    def choices(self) -> tuple[tuple[str, str], ...]:
        """(code, label) of a coded kind's options, labels in the plan's language."""
        return tuple((c["code"], c["label"]) for c in self.document.get("choices", ()))

    @property
    def quantity(self) -> bool:
        """Values are quantities: medians and ranges in analyses and charts."""
        return self.answer_kind.quantity

    @property
    def summable(self) -> bool:
        """Values may be summed: across Parties, and a table column over its rows."""
        return self.answer_kind.summable

    @property
    def coded(self) -> bool:
        """Values are codes of the listed `choices`, counted per option."""
        return self.answer_kind.coded

    @property
    def multiple(self) -> bool:
        """An answer may hold several codes."""
        return self.answer_kind.multiple

    @property
    def tabular(self) -> bool:
        """The answer is rows of `columns`."""
        return self.answer_kind.tabular

    @property
    def export_column(self) -> str | None:
        """The long export's value column (value_code has a label)."""
        return self.answer_kind.export_column

    @property
    def export_type(self) -> str:
        """The type of the value's column in the wide export."""
        return self.answer_kind.export_type


@dataclass(frozen=True)
class ColumnInfo(_Kinded):
    """A table column: its definition and its part of the question's document."""

    spec: Column
    document: dict

    @property
    def label(self) -> str:
        return self.document["label"]


@dataclass(frozen=True)
class QuestionInfo(_Kinded):
    """A question as exports describe it: its definition, its document in the plan's
    language (`schemas.formats.QuestionSchema`, as the API serves it) and the selected
    cycles that asked it. Nothing of the question is copied: the tree is read."""

    spec: Question
    document: dict
    #: Codes of the selected cycles that asked the question.
    cycles: tuple[str, ...]

    part = property(lambda self: self.spec.part_key)
    section = property(lambda self: self.spec.section_key)
    article = property(lambda self: self.spec.article)
    number = property(lambda self: self.spec.number)
    short = property(lambda self: self.spec.short)
    #: Identifies a person (left out of published data).
    personal = property(lambda self: self.spec.personal)
    visible_if = property(lambda self: self.spec.visible_if)
    #: The states other than a value that the question allows.
    states = property(lambda self: self.spec.allow_states)

    @property
    def text(self) -> str:
        return self.document["text"]

    @cached_property
    def columns(self) -> tuple[ColumnInfo, ...]:
        return tuple(ColumnInfo(c, d) for c, d in
                     zip(self.spec.columns, self.document.get("columns", ())))

    def column(self, key: str) -> ColumnInfo | None:
        return next((c for c in self.columns if c.key == key), None)


@dataclass(frozen=True)
class CycleInfo:
    id: int
    code: str
    kind: str
    year: int
    due_date: date
    format: Format
    #: Keys of the questions this cycle asked that the filters keep, in format order.
    keys: tuple[str, ...]


@dataclass(frozen=True)
class ExportPlan:
    filters: ExportFilters
    cycles: tuple[CycleInfo, ...]
    #: Every selected question in format order (newest format first for new keys).
    questions: dict[str, QuestionInfo]
    #: Parties named in the filters: iso3 -> id.
    party_ids: dict[str, int]
    state_labels: dict[str, str]

    def cycle(self, cycle_id: int) -> CycleInfo:
        return next(c for c in self.cycles if c.id == cycle_id)

    def order(self) -> dict[str, int]:
        return {key: i for i, key in enumerate(self.questions)}


def _select_cycles(filters: ExportFilters) -> list[ReportingCycle]:
    query = select(ReportingCycle).order_by(ReportingCycle.year, ReportingCycle.code)
    if filters.cycles:
        query = query.where(ReportingCycle.code.in_(filters.cycles))
    cycles = list(db.session.scalars(query))
    unknown = set(filters.cycles) - {c.code for c in cycles}
    if unknown:
        raise FilterError(_("Unknown reporting cycle: %(value)s.",
                            value=", ".join(sorted(unknown))))
    return cycles


def _party_ids(filters: ExportFilters) -> dict[str, int]:
    if not filters.parties:
        return {}
    found = dict(db.session.execute(
        select(Party.iso3, Party.id).where(Party.iso3.in_(filters.parties))).all())
    unknown = set(filters.parties) - set(found)
    if unknown:
        raise FilterError(_("Unknown Party: %(value)s.", value=", ".join(sorted(unknown))))
    return found


def _keeps(filters: ExportFilters, q: Question) -> bool:
    if filters.published and q.personal:
        return False  # answers identifying a person are not published
    if filters.articles and (q.article or "") not in filters.articles:
        return False
    return not filters.questions or q.key in filters.questions


def build_plan(filters: ExportFilters) -> ExportPlan:
    """Resolve the filters against the cycles and formats; unknown codes raise FilterError."""
    rows = _select_cycles(filters)
    party_ids = _party_ids(filters)
    cycles = []
    for c in rows:
        fmt = get_format(c.format_id, c.format_version)
        keys = tuple(q.key for q in fmt.iter_questions(c.kind) if _keeps(filters, q))
        cycles.append(CycleInfo(c.id, c.code, c.kind, c.year, c.due_date, fmt, keys))
    _check_known(filters, [c.format for c in cycles])
    asked: dict[str, list[str]] = {}
    for cycle in cycles:
        for key in cycle.keys:
            asked.setdefault(key, []).append(cycle.code)
    # Format order of the newest format; keys only older formats had come after.
    questions: dict[str, QuestionInfo] = {}
    with force_locale(filters.language):
        state_labels = {code: str(label) for code, label in STATE_LABELS.items()}
        for cycle in reversed(cycles):  # the newest definition of a key wins
            for q in cycle.format.iter_questions():
                if q.key in asked and q.key not in questions:
                    questions[q.key] = QuestionInfo(q, _DOCUMENT.dump(q), tuple(asked[q.key]))
    return ExportPlan(filters, tuple(cycles), questions, party_ids, state_labels)


def _check_known(filters: ExportFilters, formats: list[Format]) -> None:
    """Name what does not exist, rather than answering with an empty file."""
    everything = [q for fmt in {id(f): f for f in formats}.values() for q in fmt.iter_questions()]
    unknown = set(filters.questions) - {q.key for q in everything}
    if unknown:
        raise FilterError(_("Unknown question: %(value)s.", value=", ".join(sorted(unknown))))
    unknown = set(filters.articles) - {q.article for q in everything if q.article}
    if unknown:
        raise FilterError(_("Unknown article: %(value)s.", value=", ".join(sorted(unknown))))
    personal = {q.key for q in everything if q.personal} & set(filters.questions)
    if filters.published and personal:
        raise FilterError(_("Answers that identify a person are not published: %(value)s.",
                            value=", ".join(sorted(personal))))
