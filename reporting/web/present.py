"""Answers on the focal point's pages (version comparison, receipt, conflict notes), as
the one presenter (`reporting.reports.present`) gives them."""

from __future__ import annotations

from ..reports.present import Presented, present
from ..reports.reading import typed_answer


def changed_cells(before: Presented, after: Presented) -> set[tuple[int, int]]:
    """The (row, column) cells of two tables that differ, rows added or removed included."""
    cells = set()
    for row in range(max(len(before.rows), len(after.rows))):
        old = before.rows[row] if row < len(before.rows) else ()
        new = after.rows[row] if row < len(after.rows) else ()
        for column in range(max(len(old), len(new))):
            if (old[column] if column < len(old) else None) != (
                new[column] if column < len(new) else None
            ):
                cells.add((row, column))
    return cells


def snapshot_answer(question, answer: dict | None, attachments: dict | None = None) -> Presented:
    """An answer of a submission's snapshot (JSON: dates and decimals as strings)."""
    return present(question, typed_answer(question, answer) if answer else None, attachments)
