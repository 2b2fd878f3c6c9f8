"""The answer to a page's autosave (static/js/autosave.js): the same form POST as the Save
button, marked with the `X-ORT-Autosave: 1` header, answered with a small JSON instead of
a page, so that the page the user keeps typing in stays consistent with what is stored.

    {"saved": [keys], "lock_version": "7", "originals": {input name: fingerprint},
     "conflicts": [{"key", "label"}], "problems": [{"key", "field", "label", "message"}],
     "retry": false, "message": null}

`originals` are the fingerprints of the answers just written, which the page puts in their
hidden `original` inputs with the new `lock_version`: the next autosave then does not
conflict with this one. A refused save (`not_saved`) has a message, and `retry` when
trying again later may succeed (the database was busy or down, another save raced it).
"""

from __future__ import annotations

from flask import jsonify, request

from forms.questionnaire import QuestionnaireForm, field_name, fingerprint, stored_payload

from ..models import Report
from ..questionnaire.definition import Format
from ..questionnaire.translate import qt
from ..reports.answers import load_answers
from .editing import SaveOutcome
from .pages import Page

HEADER = "X-ORT-Autosave"


def is_autosave() -> bool:
    return request.headers.get(HEADER) == "1"


def saved(report: Report, fmt: Format, page: Page, form: QuestionnaireForm, outcome: SaveOutcome):
    """What the save did, for the page to take in."""
    stored = load_answers(report, fmt, keys=outcome.saved) if outcome.saved else {}
    originals = {
        form.answer(key).original.name: fingerprint(
            stored_payload(fmt.question(key), stored.get(key))
        )
        for key in outcome.saved
    }
    return jsonify(
        saved=outcome.saved,
        lock_version=str(report.lock_version),
        originals=originals,
        conflicts=[{"key": k, "label": _label(fmt, k)} for k in outcome.conflicts],
        problems=[
            {
                "key": i.question_key,
                "field": field_name(i.question_key),
                "label": _label(fmt, i.question_key),
                "message": i.message,
            }
            for i in outcome.issues
        ],
        retry=False,
        message=None,
    )


def not_saved(message: str, status: int, *, retry: bool = False):
    """Nothing was saved: why, and whether trying again later may work."""
    response = jsonify(
        saved=[], conflicts=[], problems=[], originals={}, retry=retry, message=message
    )
    response.status_code = status
    if retry:
        response.headers["Retry-After"] = "5"
    return response


def _label(fmt: Format, key: str) -> str:
    if not fmt.has_question(key):
        return key
    q = fmt.question(key)
    return f"{q.shown_number} {qt(q.text)}".strip()
