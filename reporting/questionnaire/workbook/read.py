"""Reading a format workbook back into the raw format dict, validated by the format schema.

Only cached cell values are read (formulas are never evaluated), the file size and the
cell count are bounded, and every error names the sheet, row and column it came from:
`Questions, row 14, column kind: Must be one of ...`.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass

import yaml
from flask_babel import gettext as _

from ..format_schema import FormatInvalid, build_format
from . import layout as L

#: Largest workbook accepted, in bytes, and most cells read from all its sheets.
MOST_BYTES = 10 * 1024 * 1024
MOST_CELLS = 500_000


class WorkbookInvalid(Exception):
    """A workbook that cannot be read or fails validation; `errors` are lines that name
    the sheet, row and column."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class WorkbookFormat:
    """What a valid workbook holds: the raw format dict (as a format file would parse)
    and the translations of its texts {lang: {English text: translation}}."""

    raw: dict
    translations: dict[str, dict[str, str]]

    @property
    def id(self) -> str:
        return self.raw["id"]

    @property
    def version(self) -> str:
        return str(self.raw["version"])


def _where(sheet, row=None, column=None) -> str:
    if row is None:
        return sheet
    if column is None:
        return _("%(sheet)s, row %(row)s", sheet=sheet, row=row)
    return _("%(sheet)s, row %(row)s, column %(column)s", sheet=sheet, row=row, column=column)


class _Reader:
    def __init__(self, book):
        self.book = book
        self.errors: list[str] = []
        #: schema path -> (sheet, row, {field: heading})
        self.origins: dict[str, tuple[str, int, dict[str, str]]] = {}
        self.translations: dict[str, dict[str, str]] = {
            lang: {} for lang in L.LANGUAGES if lang != L.SOURCE_LANGUAGE
        }
        self.cells = 0

    def error(self, where: str, message: str):
        self.errors.append(f"{where}: {message}")

    # ------------------------------------------------------------------ cells
    def rows(self, sheet, fields, texts):
        """(row number, {heading: value}) for each non-empty row of a table sheet."""
        if sheet not in self.book.sheetnames:
            self.error(sheet, _("The workbook has no sheet %(sheet)s.", sheet=sheet))
            return
        expected = L.headings(fields, texts)
        rows = self.book[sheet].iter_rows(values_only=True)
        header = next(rows, None) or ()
        names = [str(h).strip() if h is not None else None for h in header]
        for name in names:
            if name is not None and name not in expected:
                self.error(_where(sheet, 1, name), _("Unknown column."))
        for required in (name for name, _type in fields):
            if required not in names:
                self.error(_where(sheet, 1, required), _("The column is missing."))
        for number, values in enumerate(rows, start=2):
            self.cells += len(values)
            if self.cells > MOST_CELLS:
                raise WorkbookInvalid([_("The workbook has more than %(n)s cells.", n=MOST_CELLS)])
            cells = {
                name: value
                for name, value in zip(names, values)
                if name is not None and name in expected
            }
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
                continue
            yield number, cells

    def value(self, cells, name, type_, sheet, row):
        """The cell `name` as the format file would hold it, or None when blank."""
        value = cells.get(name)
        if isinstance(value, str):
            value = value.strip()
            if not value:
                return None
        if value is None:
            return None
        if type_ in (L.TEXT, L.CHOICE_REF):
            if isinstance(value, bool):
                return str(value).lower()
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            return str(value)
        if type_ == L.INTEGER and isinstance(value, float) and value.is_integer():
            return int(value)
        if type_ == L.BOOLEAN and isinstance(value, str):
            lowered = value.lower()
            if lowered in ("true", "yes", "1", "x"):
                return True
            if lowered in ("false", "no", "0"):
                return False
        if type_ == L.BOOLEAN and isinstance(value, (int, float)) and value in (0, 1):
            return bool(value)
        if type_ in (L.DATA, L.LIST) and isinstance(value, str):
            if type_ == L.LIST and not value.startswith("["):
                return [item.strip() for item in value.split(",") if item.strip()]
            try:
                return json.loads(value)
            except ValueError:
                try:
                    return yaml.safe_load(value)
                except yaml.YAMLError:
                    self.error(
                        _where(sheet, row, name), _("Not valid JSON: %(value)s", value=value)
                    )
                    return None
        return value

    def node(self, cells, fields, texts, sheet, row, path):
        """A node dict from the row's cells, its texts' translations recorded, and its
        origin recorded under its schema path."""
        node = {}
        columns = {}
        for name, type_ in fields:
            if name in L.PLACE_FIELDS:
                continue
            columns[name] = name
            value = self.value(cells, name, type_, sheet, row)
            if value is not None:
                node[name] = value
        for text in texts:
            heading = L.text_heading(text, L.SOURCE_LANGUAGE)
            columns[text] = heading
            original = self.value(cells, heading, L.TEXT, sheet, row)
            if original is None:
                continue
            node[text] = original
            for lang in self.translations:
                translated = self.value(cells, L.text_heading(text, lang), L.TEXT, sheet, row)
                if translated is not None:
                    self.translate(
                        lang, original, translated, _where(sheet, row, L.text_heading(text, lang))
                    )
        self.origins[path] = (sheet, row, columns)
        return node

    def translate(self, lang, original, translated, where):
        self._translated.setdefault((lang, original), []).append((translated, where))

    def resolve_translations(self, current: dict[str, dict[str, str]]):
        """One translation per text and language: where rows disagree (a text shared by
        several rows, edited in one), the one that differs from the current catalog."""
        for (lang, original), found in self._translated.items():
            values = list(dict.fromkeys(value for value, _where in found))
            if len(values) > 1:
                values = [v for v in values if v != current.get(lang, {}).get(original)]
            if len(values) > 1:
                wheres = "; ".join(w for value, w in found if value in values)
                self.errors.append(
                    _(
                        "%(where)s: the %(lang)s translations of %(text)s differ; a text has "
                        "one translation.",
                        where=wheres,
                        lang=lang,
                        text=repr(original),
                    )
                )
                continue
            self.translations[lang][original] = values[0]

    # ------------------------------------------------------------------ sheets
    def read(self) -> dict:
        self._translated: dict[tuple[str, str], list] = {}
        raw = self.read_format()
        raw["report_kinds"] = [
            self.node(
                cells,
                L.REPORT_KIND_FIELDS,
                L.REPORT_KIND_TEXTS,
                L.REPORT_KINDS,
                row,
                f"report_kinds[{i}]",
            )
            for i, (row, cells) in enumerate(
                self.rows(L.REPORT_KINDS, L.REPORT_KIND_FIELDS, L.REPORT_KIND_TEXTS)
            )
        ]
        lists = self.read_choices()
        raw["enumerations"] = {
            name: items for name, items in lists.items() if not name.startswith("#")
        }
        for name in raw["enumerations"]:
            for i, (row, _item) in enumerate(self._choice_rows[name]):
                self.origins[f"enumerations.{name}[{i}]"] = self.origins.pop(f"#choice-row-{row}")
            first = self._choice_rows[name][0][0]
            self.origins[f"enumerations.{name}"] = (L.CHOICES, first, {"key": "list"})
        raw["parts"] = self.read_parts(lists)
        raw["rules"] = [
            self.node(cells, L.RULE_FIELDS, L.RULE_TEXTS, L.RULES, row, f"rules[{i}]")
            for i, (row, cells) in enumerate(self.rows(L.RULES, L.RULE_FIELDS, L.RULE_TEXTS))
        ]
        return raw

    def read_format(self) -> dict:
        raw: dict = {}
        if L.FORMAT not in self.book.sheetnames:
            self.error(L.FORMAT, _("The workbook has no sheet %(sheet)s.", sheet=L.FORMAT))
            return raw
        types = dict(L.FORMAT_FIELDS)
        texts = {L.text_heading(t, lang): (t, lang) for t in L.FORMAT_TEXTS for lang in L.LANGUAGES}
        values: dict = {}
        for number, row in enumerate(self.book[L.FORMAT].iter_rows(values_only=True), 1):
            self.cells += len(row)
            if number == 1 or not row or row[0] is None:
                continue
            name = str(row[0]).strip()
            cells = {"value": row[1] if len(row) > 1 else None}
            if name in types:
                value = self.value(cells, "value", types[name], L.FORMAT, number)
                self.origins[name] = (L.FORMAT, number, {"": "value"})
                if value is not None:
                    values[name] = value
            elif name in texts:
                values[name] = self.value(cells, "value", L.TEXT, L.FORMAT, number)
                if texts[name][1] == L.SOURCE_LANGUAGE:
                    self.origins[texts[name][0]] = (L.FORMAT, number, {"": "value"})
            else:
                self.error(
                    _where(L.FORMAT, number, "field"), _("Unknown field %(name)s.", name=name)
                )
        for name, _type in L.FORMAT_FIELDS:
            if name in values and not name.startswith("limits."):
                raw[name] = values[name]
        for text in L.FORMAT_TEXTS:
            original = values.get(L.text_heading(text, L.SOURCE_LANGUAGE))
            if original is None:
                continue
            raw[text] = original
            for lang in self.translations:
                translated = values.get(L.text_heading(text, lang))
                if translated:
                    self.translate(lang, original, translated, L.FORMAT)
        limits = {
            name.split(".", 1)[1]: value
            for name, value in values.items()
            if name.startswith("limits.")
        }
        if limits:
            raw["limits"] = limits
        # Keep the key order of format files: id, version, title, source, follows.
        order = ["id", "version", "title", "source", "follows", "limits"]
        return {key: raw[key] for key in order if key in raw}

    def read_choices(self) -> dict[str, list]:
        lists: dict[str, list] = {}
        self._choice_rows: dict[str, list] = {}
        for row, cells in self.rows(L.CHOICES, L.CHOICE_FIELDS, L.CHOICE_TEXTS):
            name = self.value(cells, "list", L.TEXT, L.CHOICES, row)
            if name is None:
                self.error(_where(L.CHOICES, row, "list"), _("Give the list's name."))
                continue
            item = self.node(
                cells, L.CHOICE_FIELDS, L.CHOICE_TEXTS, L.CHOICES, row, f"#choice-row-{row}"
            )
            lists.setdefault(name, []).append(item)
            self._choice_rows.setdefault(name, []).append((row, item))
        return lists

    def resolve_choices(self, node, lists, used, path):
        ref = node.get("choices")
        if not isinstance(ref, str) or not ref.startswith("#"):
            return
        sheet, row, _columns = self.origins[path]
        if ref not in lists:
            self.error(
                _where(sheet, row, "choices"),
                _("No choice list %(name)s in the sheet %(sheet)s.", name=ref, sheet=L.CHOICES),
            )
            return
        node["choices"] = lists[ref]
        used.add(ref)
        for i, (choice_row, _item) in enumerate(self._choice_rows[ref]):
            self.origins[f"{path}.choices[{i}]"] = self.origins.get(
                f"#choice-row-{choice_row}", (L.CHOICES, choice_row, {})
            )

    def read_parts(self, lists) -> list[dict]:
        parts: list[dict] = []
        by_key: dict = {}
        sections: dict[str, dict] = {}
        section_paths: dict[str, str] = {}
        for row, cells in self.rows(L.SECTIONS, L.SECTION_FIELDS, L.SECTION_TEXTS):
            part_key = self.value(cells, "part", L.TEXT, L.SECTIONS, row)
            section_key = self.value(cells, "section", L.TEXT, L.SECTIONS, row)
            if section_key is None:
                path = f"parts[{len(parts)}]"
                part = self.node(cells, L.SECTION_FIELDS, L.SECTION_TEXTS, L.SECTIONS, row, path)
                self.origins[path][2]["key"] = "part"
                self.origins[path][2]["sections"] = "section"
                part = {"key": part_key, **part} if part_key is not None else part
                part["sections"] = []
                parts.append(part)
                by_key.setdefault(part_key, (len(parts) - 1, part))
                continue
            if part_key not in by_key:
                self.error(
                    _where(L.SECTIONS, row, "part"),
                    _(
                        "No part %(key)s: a part has a row of its own, with no section.",
                        key=part_key,
                    ),
                )
                continue
            pi, part = by_key[part_key]
            path = f"parts[{pi}].sections[{len(part['sections'])}]"
            section = {
                "key": section_key,
                **self.node(cells, L.SECTION_FIELDS, L.SECTION_TEXTS, L.SECTIONS, row, path),
            }
            self.origins[path][2].update(key="section", questions="section")
            section["questions"] = []
            if section_key in sections:
                self.error(
                    _where(L.SECTIONS, row, "section"),
                    _("Duplicate section %(key)s.", key=section_key),
                )
                continue
            part["sections"].append(section)
            sections[section_key], section_paths[section_key] = section, path

        questions: dict[str, tuple[dict, str]] = {}
        used: set[str] = set()
        for row, cells in self.rows(L.QUESTIONS, L.QUESTION_FIELDS, L.QUESTION_TEXTS):
            section_key = self.value(cells, "section", L.TEXT, L.QUESTIONS, row)
            if section_key not in sections:
                self.error(
                    _where(L.QUESTIONS, row, "section"),
                    _(
                        "No section %(key)s in the sheet %(sheet)s.",
                        key=section_key,
                        sheet=L.SECTIONS,
                    ),
                )
                continue
            section = sections[section_key]
            path = f"{section_paths[section_key]}.questions[{len(section['questions'])}]"
            question = self.node(cells, L.QUESTION_FIELDS, L.QUESTION_TEXTS, L.QUESTIONS, row, path)
            self.resolve_choices(question, lists, used, path)
            section["questions"].append(question)
            if "key" in question:
                questions.setdefault(question["key"], (question, path))

        for row, cells in self.rows(L.COLUMNS, L.COLUMN_FIELDS, L.COLUMN_TEXTS):
            key = self.value(cells, "question", L.TEXT, L.COLUMNS, row)
            if key not in questions:
                self.error(
                    _where(L.COLUMNS, row, "question"),
                    _("No question %(key)s in the sheet %(sheet)s.", key=key, sheet=L.QUESTIONS),
                )
                continue
            question, qpath = questions[key]
            columns = question.setdefault("columns", [])
            path = f"{qpath}.columns[{len(columns)}]"
            column = self.node(cells, L.COLUMN_FIELDS, L.COLUMN_TEXTS, L.COLUMNS, row, path)
            self.resolve_choices(column, lists, used, path)
            columns.append(column)

        for name in lists:
            if name.startswith("#") and name not in used:
                row = self._choice_rows[name][0][0]
                self.error(
                    _where(L.CHOICES, row, "list"),
                    _("No question or column uses the choice list %(name)s.", name=name),
                )
        return parts

    # ------------------------------------------------------------------ errors
    def place(self, line: str) -> str:
        """A schema error `path: message` as `Sheet, row N, column C: message`."""
        path, _sep, message = line.partition(": ")
        path = re.sub(r" \([^)]*\)", "", path)
        path = re.sub(r"^(enumerations\.[^.\[]+)\.value", r"\1", path)
        candidate = path
        while candidate:
            if candidate in self.origins:
                sheet, row, columns = self.origins[candidate]
                rest = path[len(candidate) :].lstrip(".")
                name = re.split(r"[.\[]", rest, maxsplit=1)[0] if rest else ""
                column = columns.get(name, name or columns.get(""))
                return f"{_where(sheet, row, column)}: {message}"
            candidate = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", candidate)
            if candidate == path:
                break
        return f"{_('Workbook')} ({path}): {message}"


def open_workbook(data: bytes):
    """The openpyxl workbook in `data` (read-only, cached values), or WorkbookInvalid."""
    from openpyxl import load_workbook

    if len(data) > MOST_BYTES:
        raise WorkbookInvalid(
            [_("The file is larger than %(mb)s MB.", mb=MOST_BYTES // (1024 * 1024))]
        )
    if not data.startswith(b"PK\x03\x04"):
        raise WorkbookInvalid([_("The file is not an XLSX workbook.")])
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise WorkbookInvalid([_("The file is not an XLSX workbook, or it is damaged.")]) from exc
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise WorkbookInvalid([_("The file is not an XLSX workbook, or it is damaged.")]) from exc


def read_workbook(data: bytes, current: dict[str, dict[str, str]] | None = None) -> WorkbookFormat:
    """The format a workbook holds, validated by the format schema (WorkbookInvalid with
    every error by sheet, row and column otherwise). `current` are the catalogs the
    workbook was exported with: where rows translate one text differently, the changed
    translation wins."""
    book = open_workbook(data)
    try:
        reader = _Reader(book)
        try:
            raw = reader.read()
        except WorkbookInvalid:
            raise
        except Exception as exc:  # a damaged part of the file, found while reading it
            raise WorkbookInvalid(
                [_("The file is not an XLSX workbook, or it is damaged.")]
            ) from exc
    finally:
        book.close()
    reader.resolve_translations(current or {})
    errors = list(reader.errors)
    # The schema's errors too, so that one upload shows them all.
    try:
        build_format(raw)
    except FormatInvalid as exc:
        errors.extend(reader.place(line) for line in exc.errors)
    if errors:
        raise WorkbookInvalid(errors)
    return WorkbookFormat(raw, reader.translations)
