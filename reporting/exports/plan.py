"""The cycles and questions a selection covers, resolved from the cycles' formats.

A plan is computed once per export (a few small queries and the format trees) and holds
every label in the chosen language, so that row generators need neither the database
for metadata nor a locale while they stream: labels are looked up, not translated, per
row. Which questions a cycle asked is decided here: the questions of the cycle's format
in its report kind (short or full), narrowed by the article and question filters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, select

from schemas.formats import QuestionSchema

from ..extensions import db
from ..models import Party, ReportingCycle
from ..questionnaire import get_format, lineage, list_formats
from ..questionnaire.definition import Column, Format, Question
from ..questionnaire.kinds import AnswerKind
from ..questionnaire.states import STATE_LABELS as ANSWER_STATE_LABELS
from ..questionnaire.states import VALUE
from .filters import ExportFilters, FilterError

#: Labels of the answer states (same words as the forms, but "Value" for a value).
STATE_LABELS = {VALUE: _l("Value"), **ANSWER_STATE_LABELS}

#: The one document of a question (the API's too), dumped in the plan's language.
_DOCUMENT = QuestionSchema()


class _Kinded:
    """What the answer kind of `spec` can do: exports, analyses and charts ask these
    capabilities, never the kind's name (which they only write out)."""

    spec: Question | Column
    #: The spec's part of the plan's question document (`QuestionSchema`).
    document: dict

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
class AskedAs:
    """How a cycle asked a question of the plan: under which key, in which format
    version, and how that question became the plan's (`lineage.Step.how` of each step,
    joined: "same", "renamed", "recoded"...; None when asked as it is)."""

    cycle: str
    version: str
    key: str
    how: str | None


@dataclass(frozen=True)
class QuestionInfo(_Kinded):
    """A question as exports describe it: its definition, its document in the plan's
    language (`schemas.formats.QuestionSchema`, as the API serves it) and the selected
    cycles that asked it. Nothing of the question is copied: the tree is read."""

    spec: Question
    document: dict
    #: Codes of the selected cycles that asked the question (under any key).
    cycles: tuple[str, ...]
    #: How each of those cycles asked it (older versions may have another key).
    asked: tuple[AskedAs, ...] = ()
    #: The key the plan knows it by (`lineage.series_key`); the question's own by default.
    series: str | None = None

    @property
    def key(self) -> str:
        return self.series or self.spec.key

    part = property(lambda self: self.spec.part_key)
    section = property(lambda self: self.spec.section_key)
    article = property(lambda self: self.spec.article)
    number = property(lambda self: self.spec.shown_number)
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
        return tuple(
            ColumnInfo(c, d) for c, d in zip(self.spec.columns, self.document.get("columns", ()))
        )

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
    #: Asked key -> the key the plan analyses it under (`lineage.series_key`), for the
    #: keys that differ: an older version's renamed or recoded question.
    series: dict[str, str] = field(default_factory=dict)
    #: Asked key -> {older choice code: code of the plan's question}, where they differ.
    recodes: dict[str, dict[str, str]] = field(default_factory=dict)

    def series_key(self, key: str) -> str:
        return self.series.get(key, key)

    def asked_key(self, series_key: str) -> str | None:
        """The key this cycle asked the plan's question `series_key` under (None: not asked)."""
        for key in self.keys:
            if self.series.get(key, key) == series_key:
                return key
        return None

    def recode(self, key: str, code):
        """A choice code of the asked question `key` as the plan's question codes it."""
        return self.recodes.get(key, {}).get(code, code) if code is not None else None


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

    def asked_keys(self, series_keys) -> list[str]:
        """The keys the selected cycles asked the plan's questions `series_keys` under."""
        wanted = set(series_keys)
        return sorted({k for c in self.cycles for k in c.keys if c.series_key(k) in wanted})

    def series_key_sql(self, cycle_id_column, key_column):
        """SQL: the plan's key of an answer (`key_column`) of a report of the cycle
        `cycle_id_column`: its own key, or the series key an older version's differs by."""
        pairs = [(c.id, asked, series) for c in self.cycles for asked, series in c.series.items()]
        if not pairs:
            return key_column
        return case(
            *(
                (and_(cycle_id_column == cycle_id, key_column == asked), series)
                for cycle_id, asked, series in pairs
            ),
            else_=key_column,
        )

    def order(self) -> dict[str, int]:
        return {key: i for i, key in enumerate(self.questions)}


def _select_cycles(filters: ExportFilters) -> list[ReportingCycle]:
    query = select(ReportingCycle).order_by(ReportingCycle.year, ReportingCycle.code)
    if filters.cycles:
        query = query.where(ReportingCycle.code.in_(filters.cycles))
    cycles = list(db.session.scalars(query))
    unknown = set(filters.cycles) - {c.code for c in cycles}
    if unknown:
        raise FilterError(
            _("Unknown reporting cycle: %(value)s.", value=", ".join(sorted(unknown)))
        )
    return cycles


def _party_ids(filters: ExportFilters) -> dict[str, int]:
    if not filters.parties:
        return {}
    found = dict(
        db.session.execute(select(Party.iso3, Party.id).where(Party.iso3.in_(filters.parties)))
        .tuples()
        .all()
    )
    unknown = set(filters.parties) - set(found)
    if unknown:
        raise FilterError(_("Unknown Party: %(value)s.", value=", ".join(sorted(unknown))))
    return found


def _keeps(filters: ExportFilters, q: Question, series: str) -> bool:
    if filters.published and q.personal:
        return False  # answers identifying a person are not published
    if filters.articles and (q.article or "") not in filters.articles:
        return False
    return not filters.questions or series in filters.questions or q.key in filters.questions


def build_plan(filters: ExportFilters) -> ExportPlan:
    """Resolve the filters against the cycles and formats; unknown codes raise FilterError.

    Questions are keyed by their series key (`lineage.series_key`): a question an older
    version asked under another key, or with other choice codes, is the newer question
    in every export and analysis, its codes recoded."""
    rows = _select_cycles(filters)
    party_ids = _party_ids(filters)
    formats = list_formats()  # once: the lineage walks them for every question
    cycles = []
    for c in rows:
        fmt = get_format(c.format_id, c.format_version)
        series_of = {
            q.key: lineage.series_key(fmt, q.key, formats) for q in fmt.iter_questions(c.kind)
        }
        keys = tuple(k for k, s in series_of.items() if _keeps(filters, fmt.question(k), s))
        cycles.append(
            CycleInfo(
                c.id,
                c.code,
                c.kind,
                c.year,
                c.due_date,
                fmt,
                keys,
                {k: series_of[k] for k in keys if series_of[k] != k},
                {k: r for k in keys if (r := lineage.recodes(fmt, k, formats))},
            )
        )
    _check_known(filters, [c.format for c in cycles], formats)
    asked: dict[str, list[AskedAs]] = {}
    defined: dict[str, tuple[Format, Question]] = {}
    for cycle in cycles:
        for key in cycle.keys:
            steps = lineage.history(cycle.format, key, formats)
            hows = [s.how for s in steps[:-1] if s.how is not None and s.how != "same"]
            how = "+".join(dict.fromkeys(hows)) if hows else ("same" if len(steps) > 1 else None)
            series = cycle.series_key(key)
            asked.setdefault(series, []).append(AskedAs(cycle.code, cycle.format.version, key, how))
            defined.setdefault(series, lineage.defining(cycle.format, key, formats))
    # In the order of the newest format; series that ended in older versions after.
    formats = list({id(f): f for f, _q in defined.values()}.values())
    formats.sort(key=lambda f: sum(lineage.is_newer(f, g) for g in formats), reverse=True)
    position = {
        (id(f), q.key): (i, j)
        for i, f in enumerate(formats)
        for j, q in enumerate(f.iter_questions())
    }
    questions: dict[str, QuestionInfo] = {}
    with force_locale(filters.language):
        state_labels = {code: str(label) for code, label in STATE_LABELS.items()}
        for series in sorted(
            defined, key=lambda k: position[(id(defined[k][0]), defined[k][1].key)]
        ):
            q = defined[series][1]
            questions[series] = QuestionInfo(
                q,
                _DOCUMENT.dump(q),
                tuple(a.cycle for a in asked[series]),
                tuple(asked[series]),
                series,
            )
    return ExportPlan(filters, tuple(cycles), questions, party_ids, state_labels)


def _check_known(filters: ExportFilters, formats: list[Format], served: list[Format]) -> None:
    """Name what does not exist, rather than answering with an empty file."""
    everything = [q for fmt in {id(f): f for f in formats}.values() for q in fmt.iter_questions()]
    series = {
        lineage.series_key(fmt, q.key, served) for fmt in formats for q in fmt.iter_questions()
    }
    unknown = set(filters.questions) - {q.key for q in everything} - series
    if unknown:
        raise FilterError(_("Unknown question: %(value)s.", value=", ".join(sorted(unknown))))
    unknown = set(filters.articles) - {q.article for q in everything if q.article}
    if unknown:
        raise FilterError(_("Unknown article: %(value)s.", value=", ".join(sorted(unknown))))
    personal = {q.key for q in everything if q.personal} & set(filters.questions)
    if filters.published and personal:
        raise FilterError(
            _(
                "Answers that identify a person are not published: %(value)s.",
                value=", ".join(sorted(personal)),
            )
        )
