"""Translating the questionnaire's own texts (questions, help, choices, units, titles).

Format texts live in their own gettext domain, `questionnaire`, extracted from the format
files by `extract_format` (see babel.cfg). Translators then work on ordinary .po files
in Poedit or Weblate, one catalog per language, separate from the interface strings, and
a new format version only adds the messages that changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import overload

import yaml
from flask import has_app_context
from flask_babel import Domain, get_locale

from ..config import PROJECT_ROOT

DOMAIN = "questionnaire"
_domain = Domain(translation_directories=str(PROJECT_ROOT / "translations"), domain=DOMAIN)


#: Translations of the format versions stored in the database {lang: {msgid: msgstr}},
#: consulted before the gettext domain (the registry adds them as it loads a version).
_stored: dict[str, dict[str, str]] = {}


def add_stored_translations(translations: dict[str, dict[str, str]]) -> None:
    for lang, texts in translations.items():
        _stored.setdefault(lang, {}).update(texts)


def stored_translations() -> dict[str, dict[str, str]]:
    return {lang: dict(texts) for lang, texts in _stored.items()}


def forget_stored_translations() -> None:
    _stored.clear()


def _stored_translation(text: str) -> str | None:
    if not _stored or not has_app_context():
        return None
    try:
        locale = get_locale()
    except RuntimeError:  # no request to choose the language from
        return None
    return _stored.get(locale.language, {}).get(text) if locale is not None else None


@overload
def qt(text: str) -> str: ...
@overload
def qt(text: None) -> None: ...
@overload
def qt(text: str | None) -> str | None: ...
def qt(text: str | None) -> str | None:
    """A format text in the current locale (the English original where untranslated)."""
    if not text:
        return text
    return _stored_translation(str(text)) or _domain.gettext(str(text))


def extract_format(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """Babel extractor for format files: every user-visible text, with its location.

    Yields (lineno, funcname, message, comments); the comment names the node (question
    key and attribute) so translators see the context.
    """
    loader = yaml.SafeLoader(fileobj.read().decode("utf-8"))
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    if root is not None:
        yield from _walk(root, [])


#: Keys whose values are texts people read (format files and conventions.yaml).
_TEXT_KEYS = {"title", "text", "help", "intro", "label", "message", "name", "brand", "signature"}


def _walk(node, path: list[str]):
    if isinstance(node, yaml.MappingNode):
        context = dict((k.value, v) for k, v in node.value if isinstance(k, yaml.ScalarNode))
        name = context.get("key") or context.get("code")
        here = path + [name.value] if isinstance(name, yaml.ScalarNode) else path
        for key, value in node.value:
            if (
                key.value in _TEXT_KEYS
                and isinstance(value, yaml.ScalarNode)
                and value.value.strip()
            ):
                where = ".".join(here) or "format"
                yield value.start_mark.line + 1, None, value.value, [f"{where}: {key.value}"]
            else:
                # Name enumerations in the context: "enumerations.annex_d_sources.coal_power".
                named = key.value == "enumerations" or (here[-1:] == ["enumerations"])
                yield from _walk(value, here + ([key.value] if named else []))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item, path)
