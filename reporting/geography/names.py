"""The UN's official short names of States and entities in the six UN languages: the one
source of country and Party names for pages, PDFs, exports and the country answers.

The names are those of the UN terminology database (UNTERM), kept in
`reporting/data/un_names.csv` (see reporting/data/README.md for the source): the 193
Member States, the two observer States (Holy See, State of Palestine) and the other
entities the secretariat recognises (Cook Islands, Niue, the European Union).
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry
from babel import Locale
from flask_babel import get_locale

#: The UN's six official languages, the columns of the data file.
LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar")
#: Member State, observer State, or other entity the secretariat recognises.
STATUSES = ("member", "observer", "other")

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "un_names.csv"


@dataclass(frozen=True)
class UnEntry:
    iso3: str
    #: UN M49 numerical code ("" for the European Union, which has none).
    m49: str
    status: str
    #: The UN short name in each of the six languages.
    names: dict[str, str]


@lru_cache(maxsize=1)
def un_entries() -> dict[str, UnEntry]:
    """The UN list by ISO alpha-3 code ("EUU" for the European Union)."""
    with DATA_FILE.open(encoding="utf-8", newline="") as fh:
        return {
            row["iso3"]: UnEntry(
                row["iso3"], row["m49"], row["status"], {lang: row[lang] for lang in LANGUAGES}
            )
            for row in csv.DictReader(fh)
        }


def un_codes() -> list[str]:
    """The codes of the UN list, in code order."""
    return sorted(un_entries())


def language_of(locale: str | Locale | None = None) -> str:
    """The UN language for a locale (the current one if None); English if not one of the six."""
    if locale is None:
        locale = get_locale() or "en"
    language = locale.language if isinstance(locale, Locale) else str(locale)
    language = language.replace("-", "_").split("_")[0].lower()
    return language if language in LANGUAGES else "en"


def un_name(iso3: str, locale: str | Locale | None = None) -> str | None:
    """The UN short name of `iso3` in the locale's language, None if not on the UN list."""
    entry = un_entries().get(iso3)
    return entry.names[language_of(locale)] if entry else None


def common_name(iso3: str, locale: str | Locale | None = None) -> str | None:
    """The CLDR territory name ("Bolivia", "Russie"), else the ISO name; None if unknown.
    Not for display: an alias people may type, and the name of a code off the UN list."""
    country = pycountry.countries.get(alpha_3=iso3)
    alpha2 = "EU" if iso3 == "EUU" else getattr(country, "alpha_2", None)
    if alpha2 is None:
        return None
    return _territories(language_of(locale)).get(alpha2) or getattr(country, "name", None)


@lru_cache(maxsize=len(LANGUAGES))
def _territories(language: str) -> dict[str, str]:
    return dict(Locale(language).territories)


def country_name(iso3: str, locale: str | Locale | None = None) -> str:
    """The UN name; for a code off the UN list (an answer saved before the list was the
    UN's, say), the CLDR territory name, else the ISO name, else the code itself."""
    return un_name(iso3, locale) or common_name(iso3, locale) or iso3


def party_name(party, locale: str | Locale | None = None) -> str:
    """A Party's UN name in the locale's language, else its (English) `name`."""
    return un_name(party.iso3, locale) or party.name


def party_names(party) -> dict[str, str]:
    """A Party's name in each of the six languages (its `name` where it has no UN name)."""
    return {lang: party_name(party, lang) for lang in LANGUAGES}


def sort_key(name: str) -> str:
    """A language-blind sort key: casefolded, accents dropped ("Égypte" with "E").

    Not a true collation (no ICU here): Arabic, Cyrillic and Chinese names sort by code
    point (Chinese so not by pinyin), Latin names by their letters without accents."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
