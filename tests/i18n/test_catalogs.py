"""Every catalog translates every message; templates hold no untranslated text."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from jinja2 import Environment

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
LANGUAGES = ["ar", "es", "fr", "ru", "zh"]  # English is the source language
DOMAINS = ["messages", "questionnaire"]
TEMPLATES = sorted((ROOT / "reporting" / "templates").rglob("*.html"))


def _catalog(lang, domain):
    path = TRANSLATIONS / lang / "LC_MESSAGES" / f"{domain}.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def _template_ids(domain):
    with (TRANSLATIONS / f"{domain}.pot").open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_translates_every_message_without_fuzzy_entries(lang, domain):
    catalog = _catalog(lang, domain)
    expected = _template_ids(domain)
    present = {m.id for m in catalog if m.id}
    assert expected - present == set(), "catalog is missing messages: run `ort translations update`"
    untranslated = [
        m.id
        for m in catalog
        if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)
    ]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert untranslated == [] and fuzzy == []


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_the_placeholders(lang, domain):
    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
    for message in _catalog(lang, domain):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(placeholder.findall(ids[-1]))
        for string in strings:
            assert set(placeholder.findall(string)) >= wanted - {"%(num)d"}, message.id


#: Attributes whose values people read (or hear) and so must be translated.
READABLE_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description", "value"}


class _TextFinder(HTMLParser):
    """Collects literal text (and readable attribute values) left in a template."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in READABLE_ATTRIBUTES and value and _has_words(value):
                if not (tag == "input" and name == "value"):
                    self.found.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and _has_words(data):
            self.found.append(data.strip())


def _has_words(text):
    return re.search(r"[^\W\d_]{2,}", text) is not None


def _literal_text(source: str) -> list[str]:
    """Text of the template outside Jinja expressions, statements and comments."""
    env = Environment(extensions=["jinja2.ext.i18n"])
    pieces = [value for _, token, value in env.lex(source) if token == "data"]
    finder = _TextFinder()
    finder.feed(" ".join(pieces))
    return finder.found


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_has_no_literal_user_visible_string(template):
    assert _literal_text(template.read_text(encoding="utf-8")) == []


def test_the_template_check_finds_a_literal_string():
    assert _literal_text("<p>Save your report</p>{{ _('ok') }}") == ["Save your report"]
    assert _literal_text('<img alt="Logo of ORT">') == ["<img alt='Logo of ORT'>"]
    assert _literal_text("<p>{{ _('Save') }}</p>{# comment #}") == []


@pytest.mark.parametrize(
    "domain,config", [("messages", "babel.cfg"), ("questionnaire", "babel-questionnaire.cfg")]
)
def test_the_committed_templates_hold_every_message_of_the_code(domain, config):
    """A message added to the code (or a mail template) but never extracted would pass the
    catalog test above and show in English: extraction must find nothing new."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with (ROOT / config).open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
    found = set()
    for _name, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=keywords
    ):
        found.add(message if isinstance(message, str) else message[0])
    committed = {i if isinstance(i, str) else i[0] for i in _template_ids(domain)}
    assert found - committed == set(), "run `flask ort translations extract`"
