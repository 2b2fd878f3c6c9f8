"""The language of a public page is the first segment of its URL (/data/fr/...).

`url_for` fills it in from the current page, so links stay in the visitor's language;
`/data/` itself sends the visitor to their browser's language.
"""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, g, redirect, request, url_for

from . import bp


@bp.url_value_preprocessor
def pull_language(endpoint, values):
    if values is None or "lang" not in values:
        return
    lang = values.pop("lang")
    if lang not in current_app.config["ORT_LANGUAGES"]:
        abort(404)
    g.public_lang = lang


@bp.url_defaults
def add_language(endpoint, values):
    if "lang" in values or "public_lang" not in g:
        return
    if current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        values["lang"] = g.public_lang


def public_language() -> str | None:
    """The language a public URL asked for (None outside the public pages)."""
    return g.get("public_lang")


@bp.get("/")
def choose_language():
    """The dashboard in the visitor's language (Accept-Language), else English."""
    languages = current_app.config["ORT_LANGUAGES"]
    lang = (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )
    response = redirect(url_for("public.overview", lang=lang))
    response.vary.add("Accept-Language")
    return response


@bp.app_template_global()
def public_language_url(code: str) -> str:
    """This public page in another language (its query arguments kept). The path's
    values win over query arguments of the same name (`?lang=`), and url_for's own
    options (`_external`, `_scheme` ...) never come from the query."""
    query = {k: v for k, v in request.args.to_dict(flat=True).items() if not k.startswith("_")}
    values: dict[str, Any] = {**query, **(request.view_args or {}), "lang": code}
    return url_for(request.endpoint or "public.overview", **values)
