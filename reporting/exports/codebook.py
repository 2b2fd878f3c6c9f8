"""The codebook: every question key (and table column) with what its answers mean.

One row per question, followed by one row per column of a table question. Texts and
labels are in the export's language; `cycles` lists the selected cycles that asked the
question (their format, in their report kind, has the key); `wide_columns` names the
question's columns in the wide export, so that the two files can be joined by name.
"""
from __future__ import annotations

import json
from typing import Iterator

from flask_babel import force_locale

from .filters import ExportFilters
from .long import ensure_plan
from .plan import ExportPlan
from .wide import question_fields


def _choices(pairs) -> str | None:
    if not pairs:
        return None
    return json.dumps([{"code": code, "label": label} for code, label in pairs],
                      ensure_ascii=False)


def iter_codebook_rows(selection: ExportFilters | ExportPlan) -> Iterator[dict]:
    """Codebook rows (dicts keyed by CODEBOOK_FIELDS names), in format order."""
    plan = ensure_plan(selection)
    for info in plan.questions.values():
        with force_locale(plan.filters.language):
            wide = ";".join(f.name for f in question_fields(info))
        base = {"question_key": info.key, "part": info.part, "section": info.section,
                "article": info.article, "number": info.number, "short": info.short,
                "personal": info.personal, "cycles": ";".join(info.cycles)}
        yield {**base, "column_key": None, "text": info.text, "kind": info.kind,
               "unit": info.unit, "choices": _choices(info.choices),
               "states": ";".join(info.states) or None,
               "asked_if": json.dumps(info.visible_if, sort_keys=True) if info.visible_if else None,
               "wide_columns": wide}
        for column in info.columns:
            yield {**base, "column_key": column.key, "text": column.label, "kind": column.kind,
                   "unit": column.unit, "choices": _choices(column.choices), "states": None,
                   "asked_if": None, "wide_columns": None}
