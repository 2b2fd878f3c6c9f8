"""The countries offered in answers: the UN list (States and the entities the secretariat
recognises), as ISO 3166-1 alpha-3 codes named by `reporting.geography.names`."""

from functools import lru_cache

from flask_babel import get_locale

from ..geography.names import country_name, sort_key, un_codes

__all__ = ["country_codes", "country_name", "country_choices"]


def country_codes() -> list[str]:
    return un_codes()


def country_choices(locale=None) -> list[tuple[str, str]]:
    """(code, UN name) pairs sorted by name in the given (or current) language."""
    return list(_sorted_choices(str(locale or get_locale() or "en")))


@lru_cache(maxsize=32)
def _sorted_choices(locale: str) -> tuple[tuple[str, str], ...]:
    """Sorted once per language and process (every article page with a country lists them)."""
    pairs = [(code, country_name(code, locale)) for code in country_codes()]
    return tuple(sorted(pairs, key=lambda pair: sort_key(pair[1])))
