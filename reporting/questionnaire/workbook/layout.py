"""The sheets of a format workbook and their columns, shared by the writer and the reader.

Each sheet is a table with one heading row. A translatable text has one column per
language (`text_en`, `text_fr`, ...): English is the original (the gettext msgid), the
other languages its translations. Structured values (conditions, checks, lists) are
compact JSON in one cell. Choices inline in a question are a choice list named
`#<question key>` (`#<question key>/<column key>` for a table column).
"""

from __future__ import annotations

LANGUAGES = ("en", "ar", "es", "fr", "ru", "zh")
SOURCE_LANGUAGE = "en"

FORMAT = "Format"
REPORT_KINDS = "Report kinds"
SECTIONS = "Parts and sections"
QUESTIONS = "Questions"
COLUMNS = "Table columns"
CHOICES = "Choice lists"
RULES = "Rules"
SHEETS = (FORMAT, REPORT_KINDS, SECTIONS, QUESTIONS, COLUMNS, CHOICES, RULES)

#: Value types of cells: text, number (int or float), integer, boolean, data (JSON),
#: list (JSON list, or comma-separated keys), choices (an enumeration name or `#list`).
TEXT, NUMBER, INTEGER, BOOLEAN, DATA, LIST, CHOICE_REF = (
    "string",
    "number",
    "whole_number",
    "boolean",
    "data",
    "list",
    "choices",
)

#: The rows of the Format sheet (field, value); `title` has one row per language.
FORMAT_FIELDS = (
    ("id", TEXT),
    ("version", TEXT),
    ("source", TEXT),
    ("follows", TEXT),
    ("limits.table_rows", INTEGER),
    ("limits.text_length", INTEGER),
    ("limits.long_text_length", INTEGER),
)
FORMAT_TEXTS = ("title",)

#: (sheet, identifying columns, typed fields, translatable texts)
REPORT_KIND_FIELDS = (("code", TEXT), ("every_years", INTEGER), ("questions", TEXT))
REPORT_KIND_TEXTS = ("name", "label")

SECTION_FIELDS = (
    ("part", TEXT),
    ("section", TEXT),
    ("article", TEXT),
    ("in_every_report", BOOLEAN),
)
SECTION_TEXTS = ("title", "intro")

QUESTION_FIELDS = (
    ("key", TEXT),
    ("section", TEXT),
    ("number", TEXT),
    ("official_number", TEXT),
    ("kind", TEXT),
    ("required", BOOLEAN),
    ("short", BOOLEAN),
    ("personal", BOOLEAN),
    ("period_bound", BOOLEAN),
    ("visible_if", DATA),
    ("required_if", DATA),
    ("unit", TEXT),
    ("min", NUMBER),
    ("max", NUMBER),
    ("max_length", INTEGER),
    ("choices", CHOICE_REF),
    ("min_choices", INTEGER),
    ("prefill", TEXT),
    ("allow_states", LIST),
    ("min_rows", INTEGER),
    ("max_rows", INTEGER),
    ("replaces", DATA),
)
QUESTION_TEXTS = ("text", "help")

COLUMN_FIELDS = (
    ("question", TEXT),
    ("key", TEXT),
    ("kind", TEXT),
    ("required", BOOLEAN),
    ("unit", TEXT),
    ("min", NUMBER),
    ("max", NUMBER),
    ("max_length", INTEGER),
    ("choices", CHOICE_REF),
)
COLUMN_TEXTS = ("label", "help")

CHOICE_FIELDS = (("list", TEXT), ("code", TEXT))
CHOICE_TEXTS = ("label",)

RULE_FIELDS = (
    ("key", TEXT),
    ("severity", TEXT),
    ("when", DATA),
    ("check", DATA),
    ("questions", LIST),
)
RULE_TEXTS = ("message",)

#: Fields of the table sheets that are the row's place, not a field of the node.
PLACE_FIELDS = {"section", "question", "list", "part"}


def text_heading(field: str, lang: str) -> str:
    return f"{field}_{lang}"


def headings(fields, texts) -> list[str]:
    return [name for name, _type in fields] + [
        text_heading(text, lang) for text in texts for lang in LANGUAGES
    ]


def inline_list_name(question_key: str, column_key: str | None = None) -> str:
    return f"#{question_key}" + (f"/{column_key}" if column_key else "")
