"""The previous answers on a report page: what the page shows beside each question, and
copying one into the draft (a button of the page's form; static/js/history.js fills the
inputs without a reload where it can)."""

from __future__ import annotations

from dataclasses import dataclass

from forms.questionnaire import answer_payload, initial_data, stored_payload

from ..models import Report
from ..questionnaire.definition import Format, Question
from ..questionnaire.states import VALUE
from ..reports.history import Previous, previous_answers
from .pages import Page


@dataclass(frozen=True)
class PreviousNote:
    """A previous answer as a page shows it, with what the script fills in on a copy."""

    previous: Previous
    #: The subform's data for the answer ({"state", "value"}), for history.js; None when
    #: only the server copies it (a table, whose rows the page would have to add).
    fill: dict | None
    #: The page shows this answer already: nothing to copy.
    same: bool = False


def page_previous(
    report: Report, fmt: Format, page: Page, shown: dict[str, dict]
) -> dict[str, PreviousNote]:
    """Key -> the previous answer of each question of the page that has one; `shown`, the
    answers the page shows (to tell those that equal their previous answer)."""
    notes = {}
    for key, previous in previous_answers(report, fmt, page.questions).items():
        q = fmt.question(key)
        fill = None
        if not q.kind.tabular:
            data = initial_data(q, previous.answer)
            fill = {"state": data.get("state", VALUE), "value": data["value"]}
        notes[key] = PreviousNote(previous, fill, _same(previous.answer, shown.get(key)))
    return notes


def _same(previous: dict, shown: dict | None) -> bool:
    state = (shown or {}).get("state") or VALUE
    if state != (previous.get("state") or VALUE):
        return False
    return state != VALUE or (shown or {}).get("value") == previous.get("value")


def copied_payload(question: Question, previous: Previous, posted: dict) -> dict:
    """The save payload of copying `previous` into `question`: its state and value, with
    the confidentiality and comment as posted (they belong to the new report)."""
    copied = stored_payload(question, previous.answer)
    state = copied["state"] or VALUE
    return {**posted, "state": state, "value": copied["value"] if state == VALUE else None}


def copy_previous(
    report: Report, fmt: Format, page: Page, form, key: str
) -> tuple[dict[str, dict], Previous] | None:
    """The replacement (`editing.save_page(replace=...)`) that copies the previous answer
    of the page's question `key` into the posted form, and that answer; None when the
    question is not on the page or has no previous answer."""
    q = next((q for q in page.questions if q.key == key), None)
    previous = previous_answers(report, fmt, [q]).get(key) if q is not None else None
    if q is None or previous is None:
        return None
    posted = answer_payload(q, form.answer(key))
    return {key: copied_payload(q, previous, posted)}, previous
