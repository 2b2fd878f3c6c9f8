"""The language of an API request: `?lang=`, else Accept-Language, else English.

Never the session: the API is stateless and must not set cookies.
"""

from flask import current_app, request


def api_language() -> str:
    languages = current_app.config["ORT_LANGUAGES"]
    chosen = request.args.get("lang")
    if chosen is not None and chosen in languages:
        return chosen
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )
