"""The dashboard's front page: the Convention's reporting cycles, how many Parties
reported in each (per regional group, on time), and every question of a cycle."""

from __future__ import annotations

from flask import render_template

from ...analysis import reporting_performance
from ...charts.pages import charted
from ...exports.plan import build_plan
from ...questionnaire.translate import qt
from .. import bp
from ..cache import cached
from ..selection import chosen_cycle, cycles, published_filters


def _question_index(cycle) -> list[dict]:
    """The cycle's questions that can be charted (choices and quantities), by section in
    format order. Text answers are on the Parties' pages and in the open data."""
    plan = build_plan(published_filters(cycles=[cycle.code]))
    fmt = plan.cycles[-1].format
    sections: dict[str, dict] = {}
    for info in plan.questions.values():
        if not charted(info):
            continue
        section = sections.setdefault(
            info.section,
            {"key": info.section, "title": qt(fmt.section(info.section).title), "questions": []},
        )
        section["questions"].append(info)
    return list(sections.values())


def _render() -> str:
    every = cycles()
    cycle = chosen_cycle()
    performance = (
        reporting_performance(published_filters(cycles=[c.code for c in every])) if every else []
    )
    return render_template(
        "public/overview.html",
        cycles=every,
        cycle=cycle,
        performance=performance,
        sections=_question_index(cycle) if cycle else [],
    )


@bp.get("/<lang>/")
def overview():
    return cached(_render)
