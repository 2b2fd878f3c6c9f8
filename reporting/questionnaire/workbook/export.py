"""Writing a format (its raw file dict) and its translations as an XLSX workbook."""

from __future__ import annotations

import io
import json

from openpyxl import Workbook
from openpyxl.styles import Font

from . import layout as L


def _cell_value(value, type_):
    if value is None:
        return None
    if type_ in (L.DATA, L.LIST):
        return json.dumps(value, ensure_ascii=False)
    return value


class _Sheet:
    def __init__(self, book, title, fields, texts, catalogs):
        self.ws = book.create_sheet(title)
        self.fields, self.texts, self.catalogs = fields, texts, catalogs
        self.ws.append(L.headings(fields, texts))
        for cell in self.ws[1]:
            cell.font = Font(bold=True)
        self.ws.freeze_panes = "A2"

    def add(self, node: dict, **place):
        row = [_cell_value(place.get(name, node.get(name)), type_) for name, type_ in self.fields]
        for text in self.texts:
            original = node.get(text)
            for lang in L.LANGUAGES:
                if lang == L.SOURCE_LANGUAGE:
                    row.append(original)
                else:
                    row.append(self.catalogs.get(lang, {}).get(original) if original else None)
        self.ws.append(row)
        for cell in self.ws[self.ws.max_row]:
            # A text that starts with "=" is text, never a formula.
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"


def _choices_cell(spec: dict, list_name: str, inline: list) -> dict:
    """The node with `choices` as the cell shows it; inline choices go to `inline`."""
    choices = spec.get("choices")
    if isinstance(choices, list):
        inline.append((list_name, choices))
        return {**spec, "choices": list_name}
    return spec


def export_workbook(raw: dict, catalogs: dict[str, dict[str, str]]) -> bytes:
    """The workbook of a format file (as parsed YAML) with its texts in every language."""
    book = Workbook()
    ws = book.active
    ws.title = L.FORMAT
    ws.append(["field", "value"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    limits = raw.get("limits") or {}
    for name, _type in L.FORMAT_FIELDS:
        value = limits.get(name.split(".", 1)[1]) if name.startswith("limits.") else raw.get(name)
        ws.append([name, value])
    for text in L.FORMAT_TEXTS:
        for lang in L.LANGUAGES:
            value = (
                raw.get(text)
                if lang == L.SOURCE_LANGUAGE
                else catalogs.get(lang, {}).get(raw.get(text) or "")
            )
            ws.append([L.text_heading(text, lang), value])

    kinds = _Sheet(book, L.REPORT_KINDS, L.REPORT_KIND_FIELDS, L.REPORT_KIND_TEXTS, catalogs)
    for kind in raw.get("report_kinds") or []:
        kinds.add(kind)

    sections = _Sheet(book, L.SECTIONS, L.SECTION_FIELDS, L.SECTION_TEXTS, catalogs)
    questions = _Sheet(book, L.QUESTIONS, L.QUESTION_FIELDS, L.QUESTION_TEXTS, catalogs)
    columns = _Sheet(book, L.COLUMNS, L.COLUMN_FIELDS, L.COLUMN_TEXTS, catalogs)
    inline: list = []
    for part in raw.get("parts") or []:
        sections.add(part, part=part.get("key"), section=None)
        for section in part.get("sections") or []:
            sections.add(section, part=part.get("key"), section=section.get("key"))
            for q in section.get("questions") or []:
                questions.add(
                    _choices_cell(q, L.inline_list_name(q["key"]), inline),
                    section=section.get("key"),
                )
                for column in q.get("columns") or []:
                    name = L.inline_list_name(q["key"], column.get("key"))
                    columns.add(_choices_cell(column, name, inline), question=q["key"])

    choices = _Sheet(book, L.CHOICES, L.CHOICE_FIELDS, L.CHOICE_TEXTS, catalogs)
    for name, items in [*(raw.get("enumerations") or {}).items(), *inline]:
        for item in items:
            choices.add(item, list=name)

    rules = _Sheet(book, L.RULES, L.RULE_FIELDS, L.RULE_TEXTS, catalogs)
    for rule in raw.get("rules") or []:
        rules.add(rule)

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
