"""What the analysis pages show, assembled from `reporting.analysis` (numbers counted in
the database) and `figures` (charts, tables and CSV rows from those numbers).

- `overview_page`: one section of a cycle at a time (the sections are its tabs), and in
  it up to `PAGE_SIZE` charted questions (choices and quantities), each summed up in a
  line: Parties asked and answering, the share of each answer or the totals. The charts
  are on the question pages, so the page weighs the same with 10 Parties or 200, and a
  long section is paged.
- `question_figures`: one question in depth: shares, regions, change across cycles and,
  for quantities, sums, medians and ranges (the secretariat's and the public dashboard's
  question pages).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..analysis import ExportFilters, build_plan, numeric_summary, option_counts, time_series
from ..exports.plan import ExportPlan, QuestionInfo
from ..questionnaire.translate import qt
from . import figures
from .svg import percent


@dataclass(frozen=True)
class Formatters:
    """How numbers are written in charts (the views pass locale-aware ones)."""

    share: Callable[[float], str] = percent
    number: Callable[[float], str] | None = None


@dataclass
class QuestionFigures:
    info: QuestionInfo
    figures: list[figures.Figure] = field(default_factory=list)
    #: The overall counts of the cycle (asked, answered, withheld, non_response), if any.
    counts: dict | None = None
    #: Codes of every cycle that asked the question.
    asked_in: tuple[str, ...] = ()


#: Questions summed up on one overview page; a section with more is paged.
PAGE_SIZE = 20


@dataclass(frozen=True)
class Section:
    """A section of the format (an article) with its charted questions, in format order."""

    key: str
    title: str
    keys: tuple[str, ...]

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.keys) // PAGE_SIZE))

    def page_of(self, key: str) -> int:
        return self.keys.index(key) // PAGE_SIZE + 1 if key in self.keys else 1


@dataclass(frozen=True)
class QuestionSummary:
    """A question in one line of the overview, with the numbers of its main charts."""

    info: QuestionInfo
    #: The overall counts of the cycle (asked, answered, withheld, non_response), if any.
    counts: dict | None
    #: Choices: (code, label, Parties, share of Parties asked) per answer drawn.
    shares: tuple[tuple[str, str, int, float | None], ...]
    #: Quantities: the overall row of `numeric_summary` per quantity (column), with the
    #: column's `label` (None for a number question) and its figure's `figure` name.
    numbers: tuple[dict, ...]


@dataclass(frozen=True)
class OverviewPage:
    #: Every section with charted questions (the page's tabs).
    sections: list[Section]
    #: The section shown: the one asked for, else the first (None if there is none).
    section: Section | None
    page: int
    questions: list[QuestionSummary]


def locale_formatters() -> Formatters:
    """Shares and numbers written in the current locale (for pages; charts' own text)."""
    from flask_babel import format_decimal, format_percent

    return Formatters(
        share=lambda v: format_percent(v, "#,##0%"), number=lambda v: format_decimal(v, "#,##0.##")
    )


def selection(
    cycle: str,
    *,
    region: str | None = None,
    accepted_only: bool = False,
    article: str | None = None,
    questions=(),
    language: str = "en",
) -> ExportFilters:
    return ExportFilters(
        cycles=(cycle,) if cycle else (),
        regions=(region,) if region else (),
        statuses=("accepted",) if accepted_only else (),
        articles=(article,) if article else (),
        questions=questions,
        language=language,
    )


def charted(info: QuestionInfo) -> bool:
    """Has the question a chart: options counted, or quantities (its own or its columns')."""
    return info.coded or info.quantity or any(c.summable for c in info.columns)


def _group(rows, *key_fields) -> dict[tuple, list[dict]]:
    grouped: dict[tuple, list[dict]] = {}
    for row in rows:
        grouped.setdefault(tuple(row[k] for k in key_fields), []).append(row)
    return grouped


def _column_label(info: QuestionInfo, column: str | None) -> str | None:
    found = info.column(column) if column else None
    return found.label if found else None


def _cycle_figures(
    plan: ExportPlan,
    info: QuestionInfo,
    counts: list[dict],
    numbers: dict,
    fmt: Formatters,
    choices_only: bool,
) -> QuestionFigures:
    result = QuestionFigures(info)
    overall = next((r for r in counts if r["region"] is None), None)
    result.counts = overall
    if overall is not None and (info.coded or not choices_only):
        withheld = not plan.filters.published  # published data: confidential = no answer
        result.figures.append(figures.option_figure(info, overall, fmt.share, withheld))
        result.figures.append(figures.regional_figure(info, counts, fmt.share, withheld))
    for (column,), rows in numbers.items():
        result.figures.append(
            figures.numbers_figure(info, rows, _column_label(info, column), fmt.number)
        )
    return result


def sections(filters: ExportFilters) -> list[Section]:
    """The sections of the selection that have charted questions (format order); no
    counting, only the plan."""
    plan = build_plan(filters)
    grouped: dict[str, list[str]] = {}
    for key, info in plan.questions.items():
        if charted(info):
            grouped.setdefault(info.section, []).append(key)
    if not grouped:
        return []
    fmt_tree = plan.cycles[-1].format
    return [
        Section(key, qt(fmt_tree.section(key).title), tuple(keys)) for key, keys in grouped.items()
    ]


def overview_page(
    filters: ExportFilters, section: str | None = None, page: int = 1
) -> OverviewPage:
    """One page of the overview: `section` (the first if unknown), questions of `page`
    (clamped to the section's pages), only those counted in the database."""
    every = sections(filters)
    chosen = next((s for s in every if s.key == section), every[0] if every else None)
    if chosen is None:
        return OverviewPage(every, None, 1, [])
    page = min(max(page, 1), chosen.pages)
    keys = list(chosen.keys[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
    plan = build_plan(filters.replace(questions=keys))
    counts = {r["question_key"]: r for r in option_counts(plan) if r["region"] is None}
    numbers = _group((r for r in numeric_summary(plan) if r["region"] is None), "question_key")
    withheld = not filters.published  # published data: confidential = no answer
    questions = []
    for key in keys:
        info, overall = plan.questions[key], counts.get(key)
        shares = (
            figures.option_shares(overall, withheld) if overall is not None and info.coded else ()
        )
        quantities = tuple(
            {
                **r,
                "label": _column_label(info, r["column_key"]),
                "figure": figures.numbers_name(r["column_key"]),
            }
            for r in numbers.get((key,), [])
        )
        questions.append(QuestionSummary(info, overall, shares, quantities))
    return OverviewPage(every, chosen, page, questions)


def overview_position(key: str, filters: ExportFilters) -> tuple[Section | None, int]:
    """The overview section and page that sum up question `key` (for a way back)."""
    for section in sections(filters):
        if key in section.keys:
            return section, section.page_of(key)
    return None, 1


def question_figures(
    key: str, filters: ExportFilters, region: str | None = None, fmt: Formatters = Formatters()
) -> QuestionFigures:
    """One question in the selected cycle, plus its change across every cycle that asked it.

    Raises FilterError for an unknown question."""
    plan = build_plan(filters.replace(questions=[key]))
    info = plan.questions[key] if key in plan.questions else None
    across_filters = filters.replace(questions=[key], cycles=[])
    across = build_plan(across_filters).questions[key]
    if info is None:  # not asked in the selected cycle: still show the cycles that did
        info = across
        result = QuestionFigures(info)
    else:
        numbers = _group(numeric_summary(plan), "column_key")
        result = _cycle_figures(plan, info, option_counts(plan), numbers, fmt, choices_only=False)
    result.asked_in = across.cycles
    series = next(iter(time_series(across_filters, region=region)), None)
    result.figures.append(figures.cycles_figure(info, series, fmt.share))
    columns: list[str | None] = [None] if info.quantity else []
    columns += [c.key for c in info.columns if c.summable]
    for column in columns:
        result.figures.append(
            figures.numbers_cycles_figure(
                info, series, column, _column_label(info, column), fmt.number
            )
        )
    return result
