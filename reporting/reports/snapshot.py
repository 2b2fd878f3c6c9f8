"""Canonical snapshots of a report: the content of a submission and its hash.

The snapshot holds the visible answers only (answers hidden by a condition are not
part of what was submitted), in JSON: decimals as strings, dates as ISO 8601.
"""

from __future__ import annotations

import hashlib
import json

from ..models import Report
from ..questionnaire.conditions import visibility
from ..questionnaire.definition import Format
from ..questionnaire.report_schema import answer_schema
from .answers import answer_data, load_answers


def canonical_json(content: dict) -> str:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(content: dict) -> str:
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def dump_answers(fmt: Format, data: dict[str, dict], kind: str | None = None) -> dict:
    """Parsed answers as JSON-ready dicts, visible ones only, in format order."""
    visible = visibility(fmt, data, kind)
    out = {}
    for q in fmt.iter_questions(kind):
        if q.key in data and visible[q.key]:
            out[q.key] = answer_schema(q)().dump(data[q.key])
    return out


def build_snapshot(report: Report, fmt: Format) -> dict:
    kind = report.cycle.kind
    data = answer_data(load_answers(report, fmt, raw=False))
    return {
        "format": {"id": fmt.id, "version": fmt.version},
        "party": report.party.iso3,
        "cycle": report.cycle.code,
        "kind": kind,
        "language": report.language,
        "answers": dump_answers(fmt, data, kind),
    }
