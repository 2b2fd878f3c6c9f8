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

from flask_babel import force_locale, gettext as _, lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..models import Party, ReportingCycle
from ..questionnaire import get_format
from ..questionnaire.definition import Column, Format, Question
from ..questionnaire.kinds import AnswerKind, get_kind
from ..questionnaire.translate import qt
from .filters import ExportFilters, FilterError

#: Labels of the answer states other than a value (same words as the forms).
STATE_LABELS = {
    "value": _l("Value"),
    "not_applicable": _l("Not applicable"),
    "none": _l("None / zero"),
    "not_available": _l("Information not available"),
}


class _Kinded:
    """What the answer kind named by `kind` can do: exports, analyses and charts ask
    these capabilities, never the kind's name (which they only write out)."""

    kind: str

    @property
    def answer_kind(self) -> AnswerKind:
        return get_kind(self.kind)

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
    """A table column, with its labels in the plan's language."""

    key: str
    label: str
    kind: str
    unit: str | None
    choices: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class QuestionInfo(_Kinded):
    """A question as exports describe it: where it sits, what it holds, who asked it."""

    key: str
    part: str
    section: str
    article: str | None
    number: str
    text: str
    kind: str
    unit: str | None
    choices: tuple[tuple[str, str], ...]
    states: tuple[str, ...]
    columns: tuple[ColumnInfo, ...]
    short: bool
    #: Identifies a person (left out of published data).
    personal: bool
    visible_if: dict | None
    #: Codes of the selected cycles that asked the question.
    cycles: tuple[str, ...]

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


def _choices(spec: Question | Column) -> tuple[tuple[str, str], ...]:
    """(code, label) of a coded kind's options, labels in the current language."""
    kind = spec.kind
    if not kind.coded:
        return ()
    return tuple((code, str(kind.choice_label(spec, code))) for code in kind.codes(spec))


def _question_info(q: Question, cycles: tuple[str, ...]) -> QuestionInfo:
    return QuestionInfo(
        key=q.key, part=q.part_key, section=q.section_key, article=q.article,
        number=q.number, text=qt(q.text), kind=q.kind.name, unit=q.unit,
        choices=_choices(q), states=tuple(q.allow_states),
        columns=tuple(ColumnInfo(c.key, qt(c.label), c.kind.name, c.unit, _choices(c))
                      for c in q.columns),
        short=q.short, personal=q.personal, visible_if=q.visible_if, cycles=cycles,
    )


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
                    questions[q.key] = _question_info(q, tuple(asked[q.key]))
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
