"""Reporting performance: when Parties submitted their reports, cycle by cycle, around the
due date; one cycle by regional group; and the counts per cycle and group, each with a
CSV of its numbers.

The numbers are `submission_timeline` and `reporting_performance` with the published
audience: that a Party submitted, and when, is public; a draft is not (it counts as not
started), and "published" counts the reports accepted and past their embargo.
"""

from __future__ import annotations

from flask import abort, render_template

from ...analysis import build_plan, reporting_performance, submission_timeline
from ...charts.figures import Figure
from ...charts.pages import locale_formatters
from ...charts.performance import performance_table, regions_figure, timeline_figure
from ...secretariat.downloads import to_csv
from .. import bp
from ..cache import Payload, cached
from ..selection import chosen_cycle, chosen_region, cycles, language, published_filters

#: The page's figures, by the name in their CSV's URL.
FIGURE_NAMES = ("timeline", "regions", "table")


def _figures() -> tuple[list[Figure], dict]:
    """The page's figures for `?cycle=` (the regional bars) and `?region=` (all three)."""
    every, cycle, region = cycles(), chosen_cycle(), chosen_region()
    args = {"cycle": cycle.code if cycle else None, "region": region}
    if not every or cycle is None:  # with any cycle, chosen_cycle gives one
        return [], args
    plan = build_plan(
        published_filters(cycles=[c.code for c in every], regions=[region] if region else [])
    )
    performance = reporting_performance(plan)
    share = locale_formatters().share
    return [
        timeline_figure(submission_timeline(plan), region, share),
        regions_figure([r for r in performance if r["cycle_code"] == cycle.code], share),
        performance_table(performance),
    ], args


@bp.get("/<lang>/performance")
def performance():
    def render():
        figures, args = _figures()
        return render_template(
            "public/performance.html", figures=figures, filters=args, cycles=cycles()
        )

    return cached(render)


@bp.get("/<lang>/performance/<string(maxlength=40):name>.csv")
def performance_csv(name):
    """One figure's numbers, as its table shows them."""
    if name not in FIGURE_NAMES:
        abort(404)

    def render():
        figures, args = _figures()
        figure = next((f for f in figures if f.name == name), None)
        if figure is None:  # no cycle yet
            abort(404)
        parts = [
            "performance",
            name,
            args["cycle"] if name == "regions" else None,
            args["region"],
            language(),
        ]
        filename = "ort-" + "-".join(p for p in parts if p) + ".csv"
        return Payload(
            to_csv(figure.columns, figure.rows).encode("utf-8"), "text/csv; charset=utf-8", filename
        )

    return cached(render)
