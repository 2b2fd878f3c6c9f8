"""One page per question and cycle: its charts with their data tables, and for each chart
a CSV of its numbers, an SVG and a PNG image and an embeddable view (for an iframe)."""

from __future__ import annotations

from flask import abort, render_template, request

from ...analysis import FilterError
from ...charts.figures import Figure
from ...charts.pages import QuestionFigures, locale_formatters, question_figures
from ...charts.png import svg_document, svg_to_png
from ...pdf.fonts import FontsMissing
from ...secretariat.downloads import to_csv
from .. import bp
from ..cache import Payload, cached
from ..selection import chosen_cycle, chosen_region, cycles, language, published_filters

#: A frame of any site may show an embeddable view (it holds published data only).
EMBED_CSP = (
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors *"
)


@bp.errorhandler(FontsMissing)
def fonts_missing(error: FontsMissing):
    """A server set up without the font packages: images (and PDFs) wait for them."""
    from flask import current_app
    from flask_babel import gettext as _

    current_app.logger.error("%s", error)
    return _("Images cannot be made on this server at the moment."), 503


def _figures(key: str) -> tuple[QuestionFigures, dict]:
    cycle, region = chosen_cycle(), chosen_region()
    filters = published_filters(
        cycles=[cycle.code] if cycle else [], regions=[region] if region else []
    )
    try:
        result = question_figures(key, filters, region=region, fmt=locale_formatters())
    except (FilterError, KeyError):
        abort(404)
    return result, {"cycle": cycle.code if cycle else None, "region": region}


def _figure(key: str, name: str) -> tuple[QuestionFigures, Figure, dict]:
    result, args = _figures(key)
    figure = next((f for f in result.figures if f.name == name), None)
    if figure is None:
        abort(404)
    return result, figure, args


def _filename(key: str, name: str, args: dict, ext: str) -> str:
    parts = [key, name, args["cycle"], args["region"], language()]
    return "ort-" + "-".join(p for p in parts if p) + "." + ext


@bp.get("/<lang>/questions/<string(maxlength=120):key>")
def question(key):
    def render():
        result, args = _figures(key)
        return render_template("public/question.html", result=result, filters=args, cycles=cycles())

    return cached(render)


@bp.get(
    "/<lang>/questions/<string(maxlength=120):key>/<string(maxlength=80):name>.<any(csv,svg,png):ext>"
)
def figure_file(key, name, ext):
    """One chart's numbers (CSV, as its table shows them) or image (SVG, PNG)."""

    def render():
        _result, figure, args = _figure(key, name)
        filename = _filename(key, name, args, ext)
        if ext == "csv":
            return Payload(
                to_csv(figure.columns, figure.rows).encode("utf-8"),
                "text/csv; charset=utf-8",
                filename,
            )
        if ext == "svg":
            return Payload(svg_document(figure.svg).encode("utf-8"), "image/svg+xml", filename)
        return Payload(svg_to_png(figure.svg), "image/png", filename)

    return cached(render)


@bp.get("/<lang>/questions/<string(maxlength=120):key>/<string(maxlength=80):name>/embed")
def figure_embed(key, name):
    """One chart with its table and source, alone on a page, for other sites' iframes."""

    def render():
        result, figure, args = _figure(key, name)
        html = render_template("public/embed.html", result=result, figure=figure, filters=args)
        return Payload(html.encode("utf-8"), headers={"Content-Security-Policy": EMBED_CSP})

    return cached(render)


def embed_code(url: str, title: str) -> str:
    """The HTML a site pastes to show an embeddable view."""
    from markupsafe import escape

    return (
        f'<iframe src="{escape(url)}" title="{escape(title)}" width="640" height="520" '
        f'style="border:0" loading="lazy"></iframe>'
    )


@bp.app_template_global()
def public_embed_code(url: str, title: str) -> str:
    return embed_code(request.host_url.rstrip("/") + url, title)
