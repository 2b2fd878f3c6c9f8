"""The codebook: every question key (and table column) with what its answers mean.

One row per question, followed by one row per column of a table question. Texts and
labels are in the export's language; `cycles` lists the selected cycles that asked the
question (their format, in their report kind, has the key); `wide_columns` names the
question's columns in the wide export, so that the two files can be joined by name.
The rows are the questions' documents (`schemas.formats`, the API's format document)
laid out flat, so the codebook and the API describe a question alike.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from flask_babel import force_locale

from ..questionnaire.states import VALUE
from .filters import ExportFilters
from .long import ensure_plan
from .plan import ExportPlan
from .wide import question_fields


def _choices(document: dict) -> str | None:
    choices = document.get("choices")
    return json.dumps(choices, ensure_ascii=False) if choices else None


def iter_codebook_rows(selection: ExportFilters | ExportPlan) -> Iterator[dict]:
    """Codebook rows (dicts keyed by CODEBOOK_FIELDS names), in format order: each
    question's document (the API's) laid out flat."""
    plan = ensure_plan(selection)
    for info in plan.questions.values():
        doc = info.document
        with force_locale(plan.filters.language):
            wide = ";".join(f.name for f in question_fields(info))
        base = {
            "question_key": info.key,
            "part": doc["part"],
            "section": doc["section"],
            "article": doc["article"],
            "number": info.number,
            "short": doc["short"],
            "personal": doc.get("personal", False),
            "cycles": ";".join(info.cycles),
            "asked_as": json.dumps(
                [
                    {"cycle": a.cycle, "version": a.version, "key": a.key, "how": a.how}
                    for a in info.asked
                ],
                ensure_ascii=False,
            ),
        }
        states = [s for s in doc["states"] if s != VALUE]
        yield {
            **base,
            "column_key": None,
            "text": doc["text"],
            "kind": doc["kind"],
            "unit": doc.get("unit"),
            "choices": _choices(doc),
            "states": ";".join(states) or None,
            "asked_if": (
                json.dumps(doc["visible_if"], sort_keys=True) if doc.get("visible_if") else None
            ),
            "wide_columns": wide,
        }
        for column in doc.get("columns", ()):
            yield {
                **base,
                "column_key": column["key"],
                "text": column["label"],
                "kind": column["kind"],
                "unit": column.get("unit"),
                "choices": _choices(column),
                "states": None,
                "asked_if": None,
                "wide_columns": None,
            }
