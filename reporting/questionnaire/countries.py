"""Countries as ISO 3166-1 alpha-3 codes, named in the user's language by Babel's CLDR data."""
from functools import lru_cache

import pycountry
from babel import Locale
from flask_babel import get_locale

#: The European Union has no ISO 3166 country code; it reports as a Party under "EUU".
EU_CODE = "EUU"


@lru_cache(maxsize=1)
def _alpha2_by_alpha3() -> dict[str, str]:
    table = {c.alpha_3: c.alpha_2 for c in pycountry.countries}
    table[EU_CODE] = "EU"
    return table


def country_codes() -> list[str]:
    return sorted(_alpha2_by_alpha3())


def country_name(code: str, locale: str | Locale | None = None) -> str:
    alpha2 = _alpha2_by_alpha3().get(code)
    if alpha2 is None:
        return code
    loc = Locale.parse(locale) if locale else (get_locale() or Locale("en"))
    return loc.territories.get(alpha2) or pycountry.countries.get(alpha_3=code).name


def country_choices(locale=None) -> list[tuple[str, str]]:
    """(code, name) pairs sorted by name in the given (or current) language."""
    pairs = [(code, country_name(code, locale)) for code in country_codes()]
    return sorted(pairs, key=lambda pair: pair[1])
