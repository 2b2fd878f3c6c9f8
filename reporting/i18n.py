"""Locale selection and the locale facts templates need (language, text direction)."""

from babel import Locale
from flask import current_app, g, has_app_context, request, session
from flask_babel import get_locale
from flask_login import current_user

RTL_LANGUAGES = {"ar"}
LANGUAGE_NAMES = {  # each language named in itself, for the switcher
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "ru": "Русский",
    "zh": "中文",
    "ar": "العربية",
}


def select_locale() -> str:
    """The language of a public page's URL (/data/fr/...); else an explicit choice
    (?lang=), then the session, the user's preference, Accept-Language."""
    languages = current_app.config["ORT_LANGUAGES"]
    if not request:
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if g.get("public_lang") in languages:  # never stored: a public page is the same for all
        return g.public_lang
    chosen = request.args.get("lang")
    if chosen is not None and chosen in languages:
        session["lang"] = chosen
        return chosen
    if session.get("lang") in languages:
        return session["lang"]
    if current_user and getattr(current_user, "is_authenticated", False):
        if current_user.language in languages:
            return current_user.language
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


#: The posted field naming the locale a page's form was shown (and typed) in.
INPUT_LOCALE_FIELD = "_input_locale"


def read_input_in(locale: str | None) -> None:
    """Read this request's typed values in `locale` (one of ours; else ignored): a form
    typed in French ("12,5") and posted after the language changed to English (in another
    tab, or at a log-in in between) is still read as French, not refused or read as 125."""
    if locale in current_app.config["ORT_LANGUAGES"]:
        g.input_locale = locale


def input_locale() -> str:
    """The locale of typed values: the form's own (`read_input_in`), else the current one."""
    chosen = g.get("input_locale") if has_app_context() else None
    return chosen or str(get_locale() or "en")


def remember_choice() -> None:
    """Before each request: a language chosen in the switcher (?lang=) while logged in
    becomes the account's preference, so that the next log-in, on any browser, and the
    mails sent to the user use it."""
    chosen = request.args.get("lang")
    if chosen not in current_app.config["ORT_LANGUAGES"]:
        return
    user = current_user
    if not getattr(user, "is_authenticated", False) or user.language == chosen:
        return
    from sqlalchemy.exc import SQLAlchemyError

    from .extensions import db

    user.language = chosen
    try:
        db.session.commit()
    except SQLAlchemyError:  # the page still shows in that language; saved next time
        db.session.rollback()
        current_app.logger.warning("the language preference could not be saved")


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


def normalize_number(text: str, locale: Locale | str | None = None) -> str:
    """A number typed in the user's locale (e.g. "12,5" in French) in canonical form ("12.5").

    Input that is not a number in that locale is returned unchanged, so that validation
    reports it and the draft keeps it as typed.
    """
    from babel.numbers import NumberFormatError, parse_decimal

    if not isinstance(text, str) or not text.strip():
        return text
    try:
        locale = str(locale or input_locale())
        # Arabic-Indic digits and separators, as typed on Arabic keyboards, to the locale's.
        text = text.translate(arabic_digits(locale))
        # Spaces of any width group digits in many locales (fr: U+202F); drop them all.
        compact = "".join(ch for ch in text if not ch.isspace() and ch not in "\u00a0\u202f")
        value = parse_decimal(compact, locale=locale, strict=True)
    except NumberFormatError:
        return text
    if not value.is_finite() or abs(value.adjusted()) > 1000:
        return text  # "1e999999999" written out would be a gigabyte: leave it to validation
    return format(value, "f")


def arabic_digits(locale: str) -> dict:
    """Arabic-Indic digits and separators as the locale's own."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    table = {0x0660 + i: str(i) for i in range(10)}
    table.update({0x06F0 + i: str(i) for i in range(10)})
    table[0x066B] = get_decimal_symbol(locale)  # ARABIC DECIMAL SEPARATOR
    table[0x066C] = get_group_symbol(locale)  # ARABIC THOUSANDS SEPARATOR
    return table
