"""Analysis pages: an overview of a cycle's answers, a section (article) at a time with a
line per question, and a page per question with its charts, tables and CSV downloads."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_babel import get_locale
from flask_login import current_user

from ... import audit
from ...analysis import FilterError
from ...charts import pages as analysis_pages
from ...extensions import db
from ...models import RegionalGroup
from ...policy import can
from .. import dashboard
from ..downloads import to_csv
from . import bp
from .common import csv_response


def _filters():
    """The page's filters from the query string: cycle, region, statuses, article."""
    default = dashboard.default_cycle()
    cycle = (request.args.get("cycle") or (default.code if default else ""))[:32]
    region = request.args.get("region")
    region = region if region in RegionalGroup._value2member_map_ else None
    accepted_only = request.args.get("status") == "accepted"
    article = (request.args.get("article") or "")[:8] or None
    language = get_locale().language if get_locale() else "en"
    try:
        selection = analysis_pages.selection(
            cycle, region=region, accepted_only=accepted_only, article=article, language=language
        )
    except FilterError:
        abort(404)
    return selection, {
        "cycle": cycle,
        "region": region,
        "accepted_only": accepted_only,
        "article": article,
    }


def _formatters() -> analysis_pages.Formatters:
    return analysis_pages.locale_formatters()


def _context(args) -> dict:
    return {
        "filters": args,
        "cycles": [c for c, _ in dashboard.cycles_overview()],
        "can_export": can(current_user, "data.export"),
    }


def _page_number() -> int:
    raw = request.args.get("page", "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 4 else 1


@bp.get("/analysis/")
def analysis_overview():
    """One section of the cycle (the first unless `?section=`), a line per question."""
    selection, args = _filters()
    section = (request.args.get("section") or "")[:32] or None
    try:
        page = analysis_pages.overview_page(selection, section, _page_number())
    except FilterError:
        abort(404)
    return render_template("secretariat/analysis/overview.html", page=page, **_context(args))


def _question(key: str):
    selection, args = _filters()
    try:
        result = analysis_pages.question_figures(
            key, selection, region=args["region"], fmt=_formatters()
        )
    except (FilterError, KeyError):
        abort(404)
    return result, args, selection


@bp.get("/analysis/questions/<string(maxlength=120):key>")
def analysis_question(key):
    result, args, selection = _question(key)
    section, number = analysis_pages.overview_position(key, selection)
    return render_template(
        "secretariat/analysis/question.html",
        result=result,
        back_section=section.key if section else result.info.section,
        back_page=number if number > 1 else None,
        **_context(args),
    )


@bp.get("/analysis/questions/<string(maxlength=120):key>/<string(maxlength=80):name>.csv")
def analysis_csv(key, name):
    """The numbers behind one figure of a question page, as CSV."""
    if not can(current_user, "data.export"):
        abort(403)
    result, args, _selection = _question(key)
    figure = next((f for f in result.figures if f.name == name), None)
    if figure is None:
        abort(404)
    suffix = "-".join(filter(None, [args["cycle"], args["region"]]))
    audit.record("export.analysis_csv", current_user, question=key, figure=name, **args)
    db.session.commit()
    return csv_response(to_csv(figure.columns, figure.rows), f"ort-{key}-{name}-{suffix}.csv")
