"""Differences between two versions of a report, question by question.

Versions are compared on their snapshots (the canonical JSON of each answer: state,
value, confidential mark, comment), so a difference is exactly what the Party changed
between the two submissions, in the order of the format.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Submission
from ..questionnaire.definition import Format
from .snapshot import canonical_json

ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@dataclass(frozen=True)
class Change:
    question_key: str
    #: "added" (answered only in the newer version), "removed" or "changed".
    change: str
    #: The answer in each version as stored in the snapshot (None when absent).
    before: dict | None
    after: dict | None


def diff_answers(fmt: Format, before: dict[str, dict], after: dict[str, dict]) -> list[Change]:
    """Changed answers between two snapshot answer maps, in format order (unknown keys last)."""
    order = {q.key: i for i, q in enumerate(fmt.iter_questions())}
    keys = sorted(set(before) | set(after), key=lambda k: (order.get(k, len(order)), k))
    changes = []
    for key in keys:
        old, new = before.get(key), after.get(key)
        if old is None:
            changes.append(Change(key, ADDED, None, new))
        elif new is None:
            changes.append(Change(key, REMOVED, old, None))
        elif canonical_json(old) != canonical_json(new):
            changes.append(Change(key, CHANGED, old, new))
    return changes


def diff_submissions(fmt: Format, older: Submission, newer: Submission) -> list[Change]:
    return diff_answers(fmt, older.content.get("answers", {}), newer.content.get("answers", {}))
