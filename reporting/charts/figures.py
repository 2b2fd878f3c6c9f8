"""Figures of the analysis pages: the aggregates of `reporting.analysis` turned into an SVG
chart, the data table shown beside it and the rows of its CSV download.

One `Figure` carries all three, built from the same numbers, so the chart, the table and
the download can never disagree. Builders are pure functions of the aggregate rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from flask_babel import gettext as _
from markupsafe import Markup

from ..regions import REGION_LABELS, REGION_SHORT_LABELS, label
from . import svg as charts


@dataclass(frozen=True)
class Figure:
    """A chart with its data: `columns` are machine names (CSV header), `header` their
    labels, `rows` the raw values (numbers stay numbers), `kinds` how to show each column
    ("text", "count", "share", "number")."""

    id: str
    title: str
    desc: str
    svg: Markup
    columns: tuple[str, ...]
    header: tuple[str, ...]
    kinds: tuple[str, ...]
    rows: tuple[tuple, ...]
    #: Which figure of the question this is, for its CSV URL.
    name: str


def dom_id(*parts: str) -> str:
    return "fig-" + "-".join(re.sub(r"[^A-Za-z0-9_-]+", "-", p) for p in parts)


def _categories(row: dict, withheld: bool = True) -> list[tuple[str, str, int, bool]]:
    """(code, label, count, optional) of every way a Party was counted, adding up to
    `asked` for a single-answer question: options, answer states, withheld (unless
    `withheld` is false: published data, where confidential answers count as no answer)
    and no answer. `optional` categories (states, withheld, no answer) are left out of a
    chart's legend when nobody is in them."""
    out = [(o["code"], o["label"], o["count"], o["is_state"]) for o in row["options"]]
    if withheld:
        out.append(("withheld", _("Confidential (withheld)"), row["withheld"], True))
    out.append(("no_answer", _("No answer"), max(row["non_response"], 0), True))
    return out


def _drawn(per_row: list[list[tuple]]) -> list[int]:
    """Indexes of the categories a chart draws: the options, and others someone is in."""
    if not per_row:
        return []
    return [
        i
        for i, (_code, _name, _n, optional) in enumerate(per_row[0])
        if not optional or any(cats[i][2] for cats in per_row)
    ]


def option_shares(row: dict, withheld: bool = True) -> tuple[tuple, ...]:
    """(code, label, Parties, share of the Parties asked) of every answer the option chart
    of `row` draws: the options, then the states, withheld and no answer someone is in.
    A question's one-line summary on the analysis overview, with its chart's numbers."""
    categories = _categories(row, withheld)
    asked = row["asked"]
    return tuple(
        (code, name, count, count / asked if asked else None)
        for code, name, count, _o in (categories[i] for i in _drawn([categories]))
    )


def option_figure(
    info, row: dict, fmt: Callable[[float], str] = charts.percent, withheld: bool = True
) -> Figure:
    """Share of the Parties asked per answer option, for one cycle and group.

    Single-answer questions: a pie of every asked Party. Multiple choice: a bar per option
    with the share of asked Parties that chose it (shares may add up to more than 100 %).
    """
    asked = row["asked"]
    where = label(REGION_LABELS, row["region"]) if row["region"] else _("all Parties")
    title = _("%(number)s %(text)s", number=info.number, text=info.text)
    categories = _categories(row, withheld)
    drawn = [categories[i] for i in _drawn([categories])]
    chart_id = dom_id(info.key, row["cycle_code"], "options")
    if not info.multiple:
        desc = _(
            "Pie chart: answers of the %(n)d Parties asked in the %(cycle)s cycle (%(where)s).",
            n=asked,
            cycle=row["cycle_code"],
            where=where,
        )
        svg = charts.pie_chart(
            [(name, count) for _c, name, count, _o in drawn],
            chart_id=chart_id,
            title=title,
            desc=desc,
            fmt=fmt,
            empty=_("No Party was asked."),
        )
    else:
        desc = _(
            "Bar chart: share of the %(n)d Parties asked in the %(cycle)s cycle "
            "(%(where)s) that chose each option; a Party may choose several.",
            n=asked,
            cycle=row["cycle_code"],
            where=where,
        )
        svg = charts.bar_chart(
            [(name, count / asked if asked else 0) for _c, name, count, _o in drawn],
            chart_id=chart_id,
            title=title,
            desc=desc,
            maximum=1,
            fmt=fmt,
            empty=_("No Party was asked."),
        )
    rows = tuple(
        (code, name, count, count / asked if asked else None)
        for code, name, count, _o in categories
    )
    return Figure(
        chart_id,
        title,
        desc,
        svg,
        ("option_code", "option", "parties", "share"),
        (_("Code"), _("Answer"), _("Parties"), _("Share of Parties asked")),
        ("text", "text", "count", "share"),
        rows,
        "options",
    )


def regional_figure(
    info, rows: Sequence[dict], fmt: Callable[[float], str] = charts.percent, withheld: bool = True
) -> Figure:
    """One 100 % bar per regional group, split by answer (counts of Parties, or of
    choices for a multiple-choice question). The table has a row per group and a column
    per answer (Parties)."""
    rows = [r for r in rows if r["region"] is not None]
    cycle = rows[0]["cycle_code"] if rows else ""
    title = _("%(number)s %(text)s, by regional group", number=info.number, text=info.text)
    if info.multiple:
        desc = _(
            "Stacked bars: for each UN regional group, how the options chosen in the "
            "%(cycle)s cycle divide among the options.",
            cycle=cycle,
        )
    else:
        desc = _(
            "Stacked bars: for each UN regional group, the answers of the Parties asked "
            "in the %(cycle)s cycle.",
            cycle=cycle,
        )
    per_region = [_categories(r, withheld) for r in rows]
    chart_id = dom_id(info.key, cycle, "regions")
    svg = charts.stacked_bar_chart(
        [label(REGION_SHORT_LABELS, r["region"]) for r in rows],
        [(per_region[0][i][1], [cats[i][2] for cats in per_region]) for i in _drawn(per_region)],
        chart_id=chart_id,
        title=title,
        desc=desc,
        fmt=fmt,
        empty=_("No Party was asked."),
    )
    categories = per_region[0] if per_region else []
    table = tuple(
        (
            r["region"],
            label(REGION_LABELS, r["region"]),
            r["asked"],
            *(count for _c, _n, count, _o in cats),
        )
        for r, cats in zip(rows, per_region)
    )
    return Figure(
        chart_id,
        title,
        desc,
        svg,
        ("region_code", "region", "asked", *(c[0] for c in categories)),
        (_("Code"), _("Regional group"), _("Parties asked"), *(c[1] for c in categories)),
        ("text", "text", "count", *("count" for _c in categories)),
        table,
        "regions",
    )


def cycles_figure(
    info, series: dict | None, fmt: Callable[[float], str] = charts.percent
) -> Figure:
    """Change across cycles: the share of asked Parties per answer option, in every cycle
    that asked the question and has reports (from `reporting.analysis.time_series`)."""
    title = _("%(number)s %(text)s, across cycles", number=info.number, text=info.text)
    desc = _(
        "Line chart: share of the Parties asked that gave each answer, in every cycle "
        "that asked the question and has reports."
    )
    chart_id = dom_id(info.key, "cycles")
    points = [p for p in (series["points"] if series else []) if p["asked"]]
    options = (
        [(o["code"], o["label"], o["is_state"]) for o in points[0]["options"]] if points else []
    )
    drawn = [
        (code, name)
        for code, name, is_state in options
        if not is_state or any(_count_of(p, code) for p in points)
    ]
    lines = [(name, [_share_of(p, code) for p in points]) for code, name in drawn]
    svg = charts.line_chart(
        [p["cycle_code"] for p in points],
        lines,
        chart_id=chart_id,
        title=title,
        desc=desc,
        maximum=1,
        fmt=fmt,
        empty=_("No cycle that asked this question has reports yet."),
    )
    rows = tuple(
        (p["cycle_code"], p["asked"], *(_share_of(p, code) for code, _n, _s in options))
        for p in points
    )
    return Figure(
        chart_id,
        title,
        desc,
        svg,
        ("cycle", "asked", *(code for code, _n, _s in options)),
        (_("Cycle"), _("Parties asked"), *(name for _c, name, _s in options)),
        ("text", "count", *("share" for _o in options)),
        rows,
        "cycles",
    )


def _count_of(point: dict, code: str) -> int:
    option = next((o for o in point["options"] if o["code"] == code), None)
    return option["count"] if option else 0


def _share_of(point: dict, code: str) -> float | None:
    option = next((o for o in point["options"] if o["code"] == code), None)
    return option["share"] if option else None


def numbers_figure(
    info,
    rows: Sequence[dict],
    column_label: str | None = None,
    number: Callable[[float], str] | None = None,
) -> Figure:
    """A quantity in one cycle: the sum per regional group as bars (the median for a
    quantity that is not summed, a percentage), with the count of Parties, sum, median,
    minimum and maximum in the table (overall row first)."""
    column = rows[0]["column_key"] if rows else None
    unit = rows[0]["unit"] if rows else None
    name = f"{info.text} · {column_label}" if column_label else info.text
    cycle = rows[0]["cycle_code"] if rows else ""
    unit_text = f" ({unit})" if unit else ""
    summed = _summed(info, column)
    if summed:
        title = _("%(number)s %(text)s: totals by regional group", number=info.number, text=name)
        desc = _(
            "Bar chart: sum of the quantities reported in the %(cycle)s cycle by the "
            "Parties of each UN regional group%(unit)s.",
            cycle=cycle,
            unit=unit_text,
        )
    else:
        title = _("%(number)s %(text)s: medians by regional group", number=info.number, text=name)
        desc = _(
            "Bar chart: median of the values reported in the %(cycle)s cycle by the "
            "Parties of each UN regional group%(unit)s.",
            cycle=cycle,
            unit=unit_text,
        )
    measure = "sum" if summed else "median"
    chart_id = dom_id(info.key, column or "", cycle, "numbers")
    regional = [r for r in rows if r["region"] is not None]
    svg = charts.bar_chart(
        [(label(REGION_SHORT_LABELS, r["region"]), r[measure] or 0) for r in regional],
        chart_id=chart_id,
        title=title,
        desc=desc,
        fmt=_with_unit(number or _plain, unit),
        empty=_("No quantity was reported."),
    )
    table = tuple(
        (
            r["region"] or "",
            label(REGION_LABELS, r["region"]) if r["region"] else _("All Parties"),
            r["parties"],
            r["sum"],
            r["median"],
            r["min"],
            r["max"],
            unit or "",
        )
        for r in rows
    )
    return Figure(
        chart_id,
        title,
        desc,
        svg,
        ("region_code", "region", "parties", "sum", "median", "min", "max", "unit"),
        (
            _("Code"),
            _("Regional group"),
            _("Parties reporting a number"),
            _("Sum"),
            _("Median"),
            _("Minimum"),
            _("Maximum"),
            _("Unit"),
        ),
        ("text", "text", "count", "number", "number", "number", "number", "text"),
        table,
        numbers_name(column),
    )


def _summed(info, column: str | None) -> bool:
    """Are the numbers of the question (or of its table column) summed? A percentage's are
    not: its charts show medians."""
    return (info.column(column) if column else info).summable


def numbers_name(column: str | None) -> str:
    """The name of a quantity's figure in one cycle (its CSV URL): per table column."""
    return f"numbers-{column}" if column else "numbers"


def numbers_cycles_figure(
    info,
    series: dict | None,
    column: str | None,
    column_label: str | None = None,
    number: Callable[[float], str] | None = None,
) -> Figure:
    """Change across cycles of a quantity: the sum (if summed) and the median, cycle by
    cycle."""
    name = f"{info.text} · {column_label}" if column_label else info.text
    summed = _summed(info, column)
    if summed:
        title = _("%(number)s %(text)s: totals across cycles", number=info.number, text=name)
        desc = _(
            "Line chart: sum and median of the quantities reported in every cycle that "
            "asked the question."
        )
    else:
        title = _("%(number)s %(text)s: medians across cycles", number=info.number, text=name)
        desc = _(
            "Line chart: median of the values reported in every cycle that asked the question."
        )
    chart_id = dom_id(info.key, column or "", "numbers-cycles")
    points = []
    for p in (series or {}).get("points", []):
        numbers = next((n for n in p["numbers"] if n["column_key"] == column), None)
        if numbers is not None:
            points.append((p["cycle_code"], numbers))
    unit = points[0][1]["unit"] if points else None
    svg = charts.line_chart(
        [code for code, _n in points],
        [
            *([(_("Sum"), [n["sum"] for _c, n in points])] if summed else []),
            (_("Median"), [n["median"] for _c, n in points]),
        ],
        chart_id=chart_id,
        title=title,
        desc=desc,
        fmt=_with_unit(number or _plain, unit),
        empty=_("The question was asked in one cycle only."),
    )
    rows = tuple(
        (code, n["parties"], n["sum"], n["median"], n["min"], n["max"], unit or "")
        for code, n in points
    )
    return Figure(
        chart_id,
        title,
        desc,
        svg,
        ("cycle", "parties", "sum", "median", "min", "max", "unit"),
        (
            _("Cycle"),
            _("Parties reporting a number"),
            _("Sum"),
            _("Median"),
            _("Minimum"),
            _("Maximum"),
            _("Unit"),
        ),
        ("text", "count", "number", "number", "number", "number", "text"),
        rows,
        f"numbers-cycles-{column}" if column else "numbers-cycles",
    )


def _plain(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _with_unit(number: Callable[[float], str], unit: str | None) -> Callable[[float], str]:
    return (lambda value: f"{number(value)} {unit}") if unit else number
