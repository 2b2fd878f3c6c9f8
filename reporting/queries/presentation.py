"""Query threads as both sides see them: with the question's number and text."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..models import AnswerQuery, Report
from ..questionnaire.translate import qt
from ..reports.workflow import report_format
from . import threads

QUERY_STATUS_LABELS = {
    "open": _l("Open: waiting for the Party"),
    "answered": _l("Answered: waiting for the secretariat"),
    "resolved": _l("Resolved"),
}


def status_label(status) -> str:
    return str(QUERY_STATUS_LABELS.get(getattr(status, "value", status), status))


@dataclass(frozen=True)
class ThreadView:
    query: AnswerQuery
    section: str
    number: str
    text: str
    #: The table cell asked about, e.g. "row 2, Quantity" (None: the whole answer).
    cell: str | None
    #: The answer was changed after the query was asked.
    revised: bool


def thread_views(report: Report) -> list[ThreadView]:
    queries = threads.report_queries(report)
    if not queries:
        return []
    fmt = report_format(report)
    revised = threads.revised_since_asked(report, queries)
    views = []
    for query in queries:
        if fmt.has_question(query.question_key):
            q = fmt.question(query.question_key)
            section, number, text = qt(fmt.section(q.section_key).title), q.shown_number, qt(q.text)
            column = q.column(query.column_key) if query.column_key else None
        else:
            section, number, text, column = "", "", query.question_key, None
        parts = []
        if query.row_index is not None:
            parts.append(_("row %(n)d", n=query.row_index + 1))
        if column is not None:
            parts.append(qt(column.label))
        views.append(
            ThreadView(query, section, number, text, ", ".join(parts) or None, query.id in revised)
        )
    return views
