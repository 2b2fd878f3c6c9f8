"""Applying a confirmed workbook preview to its report, in one transaction.

The preview is compared again with the answers stored now: if any answer it lists changed
since (someone saved in the browser between preview and confirmation), nothing is written
and the fresh comparison is shown again (`PreviewChanged`). Otherwise the changes are
saved through `save_answers` (type checks as a draft, one audit event per changed answer,
conditions' visibility refreshed) and the report's lock version moves, as a page save
moves it, so that pages open in browsers see that the report changed. Conflicts are
written only where the person chose the workbook's value. Flushes; the request commits.
"""

from __future__ import annotations

from sqlalchemy.orm.exc import StaleDataError

from ..extensions import db
from ..models import Report
from ..models.types import utcnow
from ..questionnaire.definition import Format
from ..reports.answers import save_answers
from .preview import Change, Incoming, compare


class NotEditable(Exception):
    """The report is not a draft any more (submitted meanwhile)."""


class PreviewChanged(Exception):
    """Answers of the preview changed since it was shown; `changes` is the new comparison."""

    def __init__(self, changes: list[Change]):
        super().__init__("the report changed since the preview")
        self.changes = changes


class ConcurrentImport(Exception):
    """Another save of the report committed while this one was being written."""


def apply_changes(
    report: Report,
    fmt: Format,
    incoming: dict[str, Incoming],
    seen: dict[str, str],
    user,
    *,
    take: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[str]:
    """Write the preview's changes (conflicts only where `take` names them); return the
    keys written."""
    if not report.is_editable:
        raise NotEditable()
    changes = compare(report, fmt, incoming)
    if _moved(seen, changes):
        raise PreviewChanged(changes)
    payloads = {c.key: c.payload for c in changes if not c.conflict or c.key in take}
    if not payloads:
        return []
    report.updated_at = utcnow()  # moves the lock version (a StaleDataError if raced)
    try:
        db.session.flush()
        save_answers(report, fmt, payloads, user, report.cycle.kind)
        db.session.flush()
    except StaleDataError as exc:
        raise ConcurrentImport() from exc
    return list(payloads)


def _moved(seen: dict[str, str], changes: list[Change]) -> bool:
    """Has any answer the preview lists changed since it was shown? (One that is no
    longer a change, because someone typed the workbook's value meanwhile, needs nothing.)"""
    return any(c.seen != seen.get(c.key) for c in changes)
