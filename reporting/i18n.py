"""Locale selection and the locale facts templates need (language, text direction)."""
from babel import Locale
from flask import current_app, request, session
from flask_babel import get_locale
from flask_login import current_user

RTL_LANGUAGES = {"ar"}
LANGUAGE_NAMES = {  # each language named in itself, for the switcher
    "en": "English", "fr": "Français", "es": "Español", "ru": "Русский",
    "zh": "中文", "ar": "العربية",
}


def select_locale() -> str:
    """Explicit choice (?lang=), then the session, the user's preference, Accept-Language."""
    languages = current_app.config["ORT_LANGUAGES"]
    if not request:
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = request.args.get("lang")
    if chosen in languages:
        session["lang"] = chosen
        return chosen
    if session.get("lang") in languages:
        return session["lang"]
    if current_user and getattr(current_user, "is_authenticated", False):
        if current_user.language in languages:
            return current_user.language
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def text_direction(locale: Locale | str | None = None) -> str:
    locale = locale or get_locale()
    return "rtl" if str(getattr(locale, "language", locale)) in RTL_LANGUAGES else "ltr"


def template_globals() -> dict:
    locale = get_locale()
    return {
        "locale": str(locale),
        "text_direction": text_direction(locale),
        "language_names": LANGUAGE_NAMES,
        "get_locale": get_locale,
    }
