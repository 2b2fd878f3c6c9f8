"""The resolved definition of a format as plain data (for review, the API, the codebook)."""
from __future__ import annotations

from .definition import Column, Format, Question


def _choices(spec) -> list[dict] | None:
    """The options of a coded kind (the question's choices, or the kind's own yes/no)."""
    if not spec.kind.coded:
        return None
    return [{"code": code, "label": spec.kind.label(spec, code)}
            for code in spec.kind.codes(spec)] or None


def _column(column: Column, translate) -> dict:
    out = {"key": column.key, "label": translate(column.label), "kind": column.kind.name,
           "required": column.required}
    if column.unit:
        out["unit"] = column.unit
    choices = _choices(column)
    if choices:
        out["choices"] = [{**c, "label": translate(c["label"])} for c in choices]
    return out


def question_as_dict(q: Question, translate=str) -> dict:
    out = {
        "key": q.key, "number": q.number, "text": translate(q.text), "kind": q.kind.name,
        "part": q.part_key, "section": q.section_key, "article": q.article,
        "required": q.required, "short": q.short,
    }
    optional = {
        "help": q.help and translate(q.help), "unit": q.unit, "min": q.min, "max": q.max,
        "min_choices": q.min_choices, "visible_if": q.visible_if, "required_if": q.required_if,
        "min_rows": q.min_rows, "personal": q.personal or None,
    }
    out.update({k: v for k, v in optional.items() if v is not None})
    choices = _choices(q)
    if choices:
        out["choices"] = [{**c, "label": translate(c["label"])} for c in choices]
    if q.columns:
        out["columns"] = [_column(c, translate) for c in q.columns]
    out["states"] = ["value", *q.allow_states]
    return out


def format_as_dict(fmt: Format, translate=str, cycles: list[str] | None = None) -> dict:
    """Parts > sections > questions with keys, kinds, short-report flags, choices, logic."""
    return {
        "id": fmt.id,
        "version": fmt.version,
        "title": translate(fmt.title),
        "source": fmt.source,
        "cycles": cycles or [],
        "short_report": [q.key for q in fmt.iter_questions(fmt.marked_kind)],
        "parts": [
            {
                "key": part.key,
                "title": translate(part.title),
                "in_every_report": part.in_every_report,
                "sections": [
                    {
                        "key": s.key, "title": translate(s.title), "article": s.article,
                        "questions": [question_as_dict(q, translate) for q in s.questions],
                    }
                    for s in part.sections
                ],
            }
            for part in fmt.parts
        ],
        "rules": [
            {"key": r.key, "severity": r.severity, "check": r.check, "when": r.when,
             "message": translate(r.message), "questions": list(r.questions)}
            for r in fmt.rules
        ],
    }
