"""The UN names of States and entities: one data file, six languages, every Party named."""

import csv
from pathlib import Path

import pytest

from reporting.geography import names
from reporting.geography.names import (
    LANGUAGES,
    country_name,
    language_of,
    party_name,
    party_names,
    sort_key,
    un_codes,
    un_entries,
    un_name,
)
from reporting.models import Party
from reporting.questionnaire.countries import country_choices, country_codes

DATA = Path(names.__file__).resolve().parent.parent / "data"


def _codes_of(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [row["iso3"] for row in csv.DictReader(fh)]


PARTY_FILES = [DATA / "parties.csv", *sorted((DATA / "members").glob("*.csv"))]


def test_the_list_is_the_member_states_the_observers_and_the_other_entities():
    entries = un_entries()
    statuses = [e.status for e in entries.values()]
    assert (statuses.count("member"), statuses.count("observer"), statuses.count("other")) == (
        193,
        2,
        3,
    )
    assert {c for c, e in entries.items() if e.status == "observer"} == {"VAT", "PSE"}
    assert {c for c, e in entries.items() if e.status == "other"} == {"COK", "NIU", "EUU"}
    assert all(len(e.m49) == 3 and e.m49.isdigit() for c, e in entries.items() if c != "EUU")
    assert len({e.m49 for e in entries.values()}) == len(entries)


def test_every_entry_has_a_name_in_each_of_the_six_languages():
    for code, entry in un_entries().items():
        for lang in LANGUAGES:
            name = entry.names[lang]
            assert name.strip() == name and name and name != code, (code, lang)


@pytest.mark.parametrize("path", PARTY_FILES, ids=lambda p: p.name)
def test_every_party_has_a_un_name_in_every_language(path):
    codes = _codes_of(path)
    assert codes
    for code in codes:
        for lang in LANGUAGES:
            name = un_name(code, lang)
            assert name and name != code, (path.name, code, lang)


def test_the_english_name_of_each_party_is_its_un_name():
    with (DATA / "parties.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            assert un_name(row["iso3"], "en") == row["name"], row["iso3"]


@pytest.mark.parametrize(
    "code, lang, expected",
    [
        ("BOL", "en", "Bolivia (Plurinational State of)"),
        ("BOL", "fr", "Bolivie (État plurinational de)"),
        ("BOL", "es", "Bolivia (Estado Plurinacional de)"),
        ("BOL", "ru", "Боливия (Многонациональное Государство)"),
        ("BOL", "zh", "多民族玻利维亚国"),
        ("TUR", "en", "Türkiye"),
        ("TUR", "fr", "Türkiye"),
        ("TUR", "ru", "Турция"),
        ("GBR", "en", "United Kingdom of Great Britain and Northern Ireland"),
        ("RUS", "en", "Russian Federation"),
        ("NLD", "en", "Netherlands (Kingdom of the)"),
        ("NRU", "en", "Nauru"),
        ("VAT", "fr", "Saint-Siège"),
        ("PSE", "es", "Estado de Palestina"),
        ("COK", "en", "Cook Islands"),
        ("NIU", "fr", "Nioué"),
        ("EUU", "en", "European Union"),
        ("EUU", "fr", "Union européenne"),
        ("EUU", "es", "Unión Europea"),
        ("EUU", "ru", "Европейский союз"),
        ("EUU", "zh", "欧洲联盟"),
        ("EUU", "ar", "الاتحاد الأوروبي"),
    ],
)
def test_spot_checks(code, lang, expected):
    assert un_name(code, lang) == expected


def test_a_locale_is_read_as_its_un_language():
    assert language_of("fr_CA") == "fr" and language_of("zh_Hans_CN") == "zh"
    assert language_of("pt") == "en"  # not a UN language
    assert country_name("BOL", "fr_FR") == "Bolivie (État plurinational de)"


def test_a_code_off_the_un_list_is_named_by_cldr_and_an_unknown_code_is_itself():
    assert un_name("HKG") is None
    assert "Hong Kong" in country_name("HKG", "en")
    assert country_name("XXX", "fr") == "XXX"


def test_a_party_is_named_by_the_un_list_else_by_its_name():
    assert (
        party_name(Party(iso3="BOL", name="Bolivia"), "es") == "Bolivia (Estado Plurinacional de)"
    )
    assert party_name(Party(iso3="XKX", name="Somewhere"), "fr") == "Somewhere"
    assert party_names(Party(iso3="EUU", name="European Union"))["zh"] == "欧洲联盟"


def test_the_countries_offered_are_the_un_list_with_its_names():
    assert country_codes() == un_codes()
    assert "ATA" not in country_codes() and "HKG" not in country_codes()
    french = dict(country_choices("fr"))
    assert french["BOL"] == "Bolivie (État plurinational de)"
    assert french["TUR"] == "Türkiye" and french["EUU"] == "Union européenne"
    assert dict(country_choices("en"))["RUS"] == "Russian Federation"


def test_the_choices_are_sorted_by_name_without_regard_to_accents():
    labels = [name for _code, name in country_choices("fr")]
    assert labels == sorted(labels, key=sort_key)
    assert labels.index("Danemark") < labels.index("Égypte") < labels.index("Fidji")


def test_the_common_name_is_cldrs():
    assert names.common_name("BOL", "en") == "Bolivia"
    assert names.common_name("EUU", "fr") == "Union européenne"
    assert names.common_name("XXX") is None
