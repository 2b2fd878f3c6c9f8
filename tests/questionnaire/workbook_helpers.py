"""Helpers of the workbook tests: a format's workbook, edited with openpyxl."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import openpyxl
import yaml

from reporting.config import PROJECT_ROOT
from reporting.questionnaire.registry import FORMATS_DIR

MINAMATA = FORMATS_DIR / "minamata-2023.yaml"


def minamata_raw() -> dict:
    return yaml.safe_load(MINAMATA.read_text(encoding="utf-8"))


def copy_translations(target: Path) -> Path:
    """The questionnaire catalogs of every language, copied to `target`."""
    for po in (PROJECT_ROOT / "translations").glob("*/LC_MESSAGES/questionnaire.po"):
        dest = target / po.relative_to(PROJECT_ROOT / "translations")
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(po, dest)
    return target


def open_book(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def save_book(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def column_of(sheet, heading: str) -> int:
    return [c.value for c in sheet[1]].index(heading) + 1


def row_of(sheet, heading: str, value) -> int:
    col = column_of(sheet, heading)
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, col).value == value)


def set_cell(sheet, row: int, heading: str, value):
    sheet.cell(row, column_of(sheet, heading)).value = value


def set_field(book, name: str, value):
    """A row of the Format sheet (field, value)."""
    sheet = book["Format"]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == name)
    sheet.cell(row, 2).value = value


def edit_french_and_add_choice(data: bytes, version: str = "2023.2") -> bytes:
    """The edit of the round-trip tests: the French text of art3.primary_mining, a new
    choice `e` in the list art9_measures, and a raised version."""
    book = open_book(data)
    questions = book["Questions"]
    set_cell(
        questions,
        row_of(questions, "key", "art3.primary_mining"),
        "text_fr",
        "Texte français modifié",
    )
    choices = book["Choice lists"]
    last = max(
        r for r in range(2, choices.max_row + 1) if choices.cell(r, 1).value == "art9_measures"
    )
    choices.insert_rows(last + 1)
    set_cell(choices, last + 1, "list", "art9_measures")
    set_cell(choices, last + 1, "code", "e")
    set_cell(choices, last + 1, "label_en", "(e) Monitoring of releases")
    set_cell(choices, last + 1, "label_fr", "(e) Surveillance des rejets")
    set_field(book, "version", version)
    return save_book(book)
