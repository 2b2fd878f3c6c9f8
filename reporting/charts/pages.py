"""What the analysis pages show, assembled from `reporting.analysis` (numbers counted in
the database) and `figures` (charts, tables and CSV rows from those numbers).

- `overview`: every question of a cycle that can be charted (choices: a pie or bar and a
  regional stacked bar; quantities: totals per region), grouped by section, like the
  secretariat's public dashboard, with the page's filters (cycle, region, status).
- `question_figures`: one question in depth: shares, regions, change across cycles and,
  for quantities, sums, medians and ranges.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

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


@dataclass
class SectionFigures:
    key: str
    title: str
    questions: list[QuestionFigures]


def locale_formatters() -> Formatters:
    """Shares and numbers written in the current locale (for pages; charts' own text)."""
    from flask_babel import format_decimal, format_percent

    return Formatters(share=lambda v: format_percent(v, "#,##0%"),
                      number=lambda v: format_decimal(v, "#,##0.##"))


def selection(cycle: str, *, region: str | None = None, accepted_only: bool = False,
              article: str | None = None, questions=(), language: str = "en") -> ExportFilters:
    return ExportFilters(cycles=[cycle] if cycle else [], regions=[region] if region else [],
                         statuses=["accepted"] if accepted_only else [],
                         articles=[article] if article else [], questions=questions,
                         language=language)


def _charted(info: QuestionInfo) -> bool:
    quantity = info.kind in figures.QUANTITY_KINDS or any(
        c.kind in figures.QUANTITY_KINDS for c in info.columns)
    return info.kind in figures.CHOICE_KINDS or quantity


def _group(rows, *key_fields) -> dict[tuple, list[dict]]:
    grouped: dict[tuple, list[dict]] = {}
    for row in rows:
        grouped.setdefault(tuple(row[k] for k in key_fields), []).append(row)
    return grouped


def _column_label(info: QuestionInfo, column: str | None) -> str | None:
    found = info.column(column) if column else None
    return found.label if found else None


def _cycle_figures(plan: ExportPlan, info: QuestionInfo, counts: list[dict], numbers: dict,
                   fmt: Formatters, choices_only: bool) -> QuestionFigures:
    result = QuestionFigures(info)
    overall = next((r for r in counts if r["region"] is None), None)
    result.counts = overall
    if overall is not None and (info.kind in figures.CHOICE_KINDS or not choices_only):
        withheld = not plan.filters.published  # published data: confidential = no answer
        result.figures.append(figures.option_figure(info, overall, fmt.share, withheld))
        result.figures.append(figures.regional_figure(info, counts, fmt.share, withheld))
    for (column,), rows in numbers.items():
        result.figures.append(figures.numbers_figure(
            info, rows, _column_label(info, column), fmt.number))
    return result


def overview(filters: ExportFilters, fmt: Formatters = Formatters()) -> list[SectionFigures]:
    """The charted questions of the selection, by section (in format order)."""
    plan = build_plan(filters)
    keys = [k for k, info in plan.questions.items() if _charted(info)]
    if not keys:
        return []
    plan = build_plan(filters.replace(questions=keys))
    counts = _group(option_counts(plan), "question_key")
    numbers = _group(numeric_summary(plan), "question_key", "column_key")
    sections: dict[str, SectionFigures] = {}
    fmt_tree = plan.cycles[-1].format
    for key, info in plan.questions.items():
        if info.section not in sections:
            sections[info.section] = SectionFigures(
                info.section, qt(fmt_tree.section(info.section).title), [])
        mine = {(column,): rows for (k, column), rows in numbers.items() if k == key}
        sections[info.section].questions.append(
            _cycle_figures(plan, info, counts.get((key,), []), mine, fmt, choices_only=True))
    return [s for s in sections.values() if s.questions]


def question_figures(key: str, filters: ExportFilters, region: str | None = None,
                     fmt: Formatters = Formatters()) -> QuestionFigures:
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
    columns = [None] if info.kind in figures.QUANTITY_KINDS else []
    columns += [c.key for c in info.columns if c.kind in figures.QUANTITY_KINDS]
    for column in columns:
        result.figures.append(figures.numbers_cycles_figure(
            info, series, column, _column_label(info, column), fmt.number))
    return result
