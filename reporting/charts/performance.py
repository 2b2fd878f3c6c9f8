"""Figures of reporting performance: when Parties submitted, per cycle and regional group.

Pure builders from the rows of `reporting.analysis.submission_timeline` and
`reporting_performance` (as `figures` is for the per-question aggregates): each gives a
`Figure` whose chart, data table and CSV rows come from the same numbers. Charts are
laid out left to right in every language (`svg`); a cycle code in a title, which pages
also show as a heading, is isolated (Unicode LRI ... PDI) so that "2025-full" keeps its
order inside an Arabic sentence.

- `timeline_figure`: a line per cycle, the cumulative share of all Parties that had
  submitted by each checkpoint relative to the due date;
- `regions_figure`: one cycle, a 100 % bar per regional group (on time, late, not
  submitted);
- `performance_table`: a table (no chart) per cycle x group: Parties, submitted, on time,
  published.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup

from ..regions import REGION_LABELS, REGION_SHORT_LABELS, label
from . import svg as charts
from .figures import Figure, dom_id

#: Keeps a code in its left-to-right order inside a right-to-left sentence.
_LTR, _END = "\u2066", "\u2069"


def _isolated(text: str) -> str:
    return f"{_LTR}{text}{_END}"


def checkpoint_label(days: int | None) -> str:
    """A checkpoint in words, for table headers: "30 days after the due date"."""
    if days is None:
        return _("Now")
    if days == 0:
        return _("By the due date")
    if days < 0:
        return ngettext(
            "%(num)d day before the due date", "%(num)d days before the due date", -days
        )
    return ngettext("%(num)d day after the due date", "%(num)d days after the due date", days)


def checkpoint_tick(days: int | None) -> str:
    """A checkpoint on the chart's axis: days from the due date ("-30", "0", "+90")."""
    if days is None:
        return _("Now")
    return "0" if days == 0 else f"{days:+d}"


def _column(days: int | None) -> str:
    if days is None:
        return "share_now"
    if days == 0:
        return "share_due"
    return f"share_{abs(days)}_{'before' if days < 0 else 'after'}"


def _where(region: str | None) -> str:
    return label(REGION_LABELS, region) if region else _("all Parties")


def _group_label(region: str | None, short: bool = False) -> str:
    if region is None:
        return _("All Parties")
    return label(REGION_SHORT_LABELS if short else REGION_LABELS, region)


def _groups(rows: Sequence[dict]) -> list[dict]:
    """The rows a chart or table shows: the overall row and a row per group, or only the
    group's rows when a single group is selected (its overall row is the same)."""
    regional = [r for r in rows if r["region"] is not None]
    if len({r["region"] for r in regional}) == 1:
        return regional
    return list(rows)


def timeline_figure(
    rows: Sequence[dict], region: str | None = None, fmt: Callable[[float], str] = charts.percent
) -> Figure:
    """Cycles compared: for each, the share of all Parties (of `region`, or all) that had
    first submitted by each checkpoint; a checkpoint still to come is a gap."""
    mine = [r for r in rows if r["region"] == region]
    where = _where(region)
    title = _("Submissions around the due date, by cycle")
    desc = _(
        "Line chart: for each reporting cycle, the share of %(where)s that had submitted "
        "their report by each checkpoint, in days before (-) or after (+) the due date, "
        "and now. Checkpoints not reached yet are left out.",
        where=where,
    )
    chart_id = dom_id("performance", "timeline")
    points = mine[0]["checkpoints"] if mine else []
    svg = charts.line_chart(
        [checkpoint_tick(p["days"]) for p in points],
        [(r["cycle_code"], [p["share"] for p in r["checkpoints"]]) for r in mine],
        chart_id=chart_id,
        title=title,
        desc=desc,
        maximum=1,
        fmt=fmt,
        empty=_("No reporting cycle has been opened yet."),
    )
    table = tuple(
        (
            r["cycle_code"],
            date.fromisoformat(r["due_date"]),
            r["parties"],
            *(p["share"] for p in r["checkpoints"]),
        )
        for r in mine
    )
    return Figure(
        chart_id,
        title,
        desc,
        svg,
        ("cycle", "due_date", "parties", *(_column(p["days"]) for p in points)),
        (_("Cycle"), _("Due date"), _("Parties"), *(checkpoint_label(p["days"]) for p in points)),
        ("text", "date", "count", *("share" for _p in points)),
        table,
        "timeline",
    )


def regions_figure(rows: Sequence[dict], fmt: Callable[[float], str] = charts.percent) -> Figure:
    """One cycle (its `reporting_performance` rows): for each regional group, the Parties
    that submitted on time, late, or not (yet)."""
    shown = _groups(rows)
    cycle = rows[0]["cycle_code"] if rows else ""
    title = _("Reports of the %(cycle)s cycle by regional group", cycle=_isolated(cycle))
    desc = _(
        "Stacked bars: for each UN regional group, the share of its Parties that "
        "submitted their report for the %(cycle)s cycle on time, late, or not yet.",
        cycle=_isolated(cycle),
    )
    chart_id = dom_id("performance", cycle, "regions")
    counts = [
        (r["on_time"], r["submitted"] - r["on_time"], r["parties"] - r["submitted"]) for r in shown
    ]
    names = (_("Submitted on time"), _("Submitted late"), _("Not submitted"))
    svg = charts.stacked_bar_chart(
        [_group_label(r["region"], short=True) for r in shown],
        [(name, [c[i] for c in counts]) for i, name in enumerate(names)],
        chart_id=chart_id,
        title=title,
        desc=desc,
        fmt=fmt,
        empty=_("No Party in this group."),
        colors=(charts.PALETTE[2], charts.PALETTE[1], charts.PALETTE[-1]),
    )  # green, orange, grey
    table = tuple(
        (r["region"] or "", _group_label(r["region"]), r["parties"], *c)
        for r, c in zip(shown, counts)
    )
    return Figure(
        chart_id,
        title,
        desc,
        svg,
        ("region_code", "region", "parties", "on_time", "late", "not_submitted"),
        (_("Code"), _("Regional group"), _("Parties"), *names),
        ("text", "text", "count", "count", "count", "count"),
        table,
        "regions",
    )


def performance_table(rows: Sequence[dict]) -> Figure:
    """Every cycle x group of `reporting_performance`: Parties, reports submitted (and
    their share), on time (and their share of those submitted), published. A table only:
    its `svg` is empty."""
    shown = _groups(rows)
    title = _("Reporting performance by cycle and regional group")
    desc = _(
        "Table: for each reporting cycle and UN regional group, the number of Parties, "
        "how many submitted a report, how many of them on time, and how many reports "
        "are published."
    )
    table = tuple(
        (
            r["cycle_code"],
            r["region"] or "",
            _group_label(r["region"]),
            r["parties"],
            r["submitted"],
            r["submission_rate"],
            r["on_time"],
            r["on_time_share"],
            r["published"],
        )
        for r in shown
    )
    return Figure(
        dom_id("performance", "table"),
        title,
        desc,
        Markup(""),
        (
            "cycle",
            "region_code",
            "region",
            "parties",
            "submitted",
            "submission_rate",
            "on_time",
            "on_time_share",
            "published",
        ),
        (
            _("Cycle"),
            _("Code"),
            _("Regional group"),
            _("Parties"),
            _("Submitted"),
            _("Share of Parties that submitted"),
            _("On time"),
            _("Share of submissions on time"),
            _("Published"),
        ),
        ("text", "text", "text", "count", "count", "share", "count", "share", "count"),
        table,
        "table",
    )
