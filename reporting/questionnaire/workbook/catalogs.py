"""The questionnaire gettext catalogs as plain dicts {lang: {msgid: msgstr}}, read and
merged with Babel's own .po reader and writer (no application locale needed)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from .layout import LANGUAGES, SOURCE_LANGUAGE

DOMAIN = "questionnaire"


def _po_path(translations_dir: str | Path, lang: str) -> Path:
    return Path(translations_dir) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogs(translations_dir: str | Path) -> dict[str, dict[str, str]]:
    """The translated (not fuzzy) format texts of every language but English."""
    out: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        if lang == SOURCE_LANGUAGE:
            continue
        path = _po_path(translations_dir, lang)
        out[lang] = {}
        if not path.exists():
            continue
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=lang, domain=DOMAIN)
        for message in catalog:
            if (
                message.id
                and isinstance(message.id, str)
                and message.string
                and isinstance(message.string, str)
                and not message.fuzzy
            ):
                out[lang][message.id] = message.string
    return out


def merge_catalogs(
    translations_dir: str | Path, translations: dict[str, dict[str, str]]
) -> dict[str, int]:
    """Add or update the given translations in each language's catalog (others stay),
    then compile it. Returns the number of entries changed per language."""
    changed = {}
    for lang, texts in translations.items():
        if lang == SOURCE_LANGUAGE or not texts:
            continue
        path = _po_path(translations_dir, lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            with path.open("rb") as fh:
                catalog = read_po(fh, locale=lang, domain=DOMAIN)
        else:
            from babel.messages.catalog import Catalog

            catalog = Catalog(locale=lang, domain=DOMAIN)
        count = 0
        for msgid, msgstr in texts.items():
            message = catalog.get(msgid)
            if message is None:
                catalog.add(msgid, msgstr)
                count += 1
            elif message.string != msgstr or message.fuzzy:
                message.string = msgstr
                message.flags.discard("fuzzy")
                count += 1
        changed[lang] = count
        if count:
            with path.open("wb") as fh:
                write_po(fh, catalog, width=0)
            with path.with_suffix(".mo").open("wb") as fh:
                write_mo(fh, catalog)
    return changed
