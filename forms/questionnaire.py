"""The form of one report page, built at request time from the format definition.

Like Indico's `make_survey_form`: every question becomes a subform named after its stable
key, holding the value field its answer kind gives (`kind.form_field`), the answer's state
(not applicable, none / zero, information not available, as the question allows), a
confidential mark, a comment, and the fingerprint of the answer as the page showed it, so
that a save can tell a colleague's change from the user's own (see `reporting.web.editing`).

Fields carry what was typed; validation is the report schema's job, so an invalid value is
saved as typed and shown back with its message, never dropped.
"""

from __future__ import annotations

import hashlib
import json
import secrets

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    Form,
    FormField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    TextAreaField,
)
from wtforms.fields import FieldList

from reporting.questionnaire.definition import Question
from reporting.questionnaire.states import STATE_LABELS as ANSWER_STATE_LABELS
from reporting.questionnaire.states import VALUE
from reporting.questionnaire.translate import qt

from .base import BaseForm

#: The form's choice of state: an answer, or a state instead of one.
STATE_LABELS = {VALUE: _l("Answer"), **ANSWER_STATE_LABELS}


def field_name(key: str) -> str:
    """The form field (and HTML id) of a question: prefixed, so no key can clash with the
    form's own attributes (a question called `data` or `meta`)."""
    return f"q.{key}"


class QuestionnaireForm(BaseForm):
    """A page of a report: one answer subform per question (see `page_form_class`)."""

    #: Report.lock_version when the page was shown.
    lock_version = HiddenField()

    def answer(self, key: str) -> AnswerForm:
        return self[field_name(key)].form


class AnswerForm(Form):
    """One answer; `value` (and `state`, when the question offers states) are added per question."""

    confidential = BooleanField(_l("Confidential: keep this answer out of published data"))
    comment = TextAreaField(_l("Comment"), render_kw={"rows": 2})
    #: Fingerprint of the answer as the page showed it.
    original = HiddenField()


#: Built form classes: their labels are translated when built, so one per locale; the
#: questions of a loaded format never change, so each class is kept with its questions.
_CLASSES: dict[tuple, tuple[tuple[Question, ...], type]] = {}
_MAX_CLASSES = 5_000


def _cached(questions: tuple[Question, ...], options: tuple, build) -> type:
    key = (tuple(id(q) for q in questions), options, str(get_locale() or "en"))
    found = _CLASSES.get(key)
    if found is not None and all(a is b for a, b in zip(found[0], questions, strict=True)):
        return found[1]
    built = build()
    if len(_CLASSES) >= _MAX_CLASSES:  # formats loaded again and again (tests)
        _CLASSES.clear()
    _CLASSES[key] = (questions, built)
    return built


def answer_form_class(question: Question, *, rows: int = 1, accept: str | None = None):
    """The subform of one answer (built once per question, rows, upload types, locale)."""
    return _cached(
        (question,),
        ("answer", rows, accept),
        lambda: _answer_form_class(question, rows=rows, accept=accept),
    )


def _answer_form_class(question: Question, *, rows: int, accept: str | None):
    attrs = {
        "value": question.kind.form_field(question, qt(question.text), rows=rows, accept=accept)
    }
    if question.allow_states:
        attrs["state"] = RadioField(
            _l("Kind of answer"),
            choices=[SelectChoice(s, STATE_LABELS[s]) for s in question.states],
            default=VALUE,
            validate_choice=False,
        )
    return type(f"Answer_{question.key.replace('.', '_')}", (AnswerForm,), attrs)


def page_form_class(
    questions: list[Question], *, rows: dict[str, int] | None = None, accept: str | None = None
) -> type[QuestionnaireForm]:
    """The form class of a page; `rows` gives the number of rows shown per table question."""
    rows = rows or {}
    keys = {q.key for q in questions}
    chosen = tuple(sorted((k, v) for k, v in rows.items() if k in keys))
    return _cached(
        tuple(questions),
        ("page", chosen, accept),
        lambda: _page_form_class(questions, rows, accept),
    )


def _page_form_class(
    questions: list[Question], rows: dict[str, int], accept: str | None
) -> type[QuestionnaireForm]:
    attrs = {
        field_name(q.key): FormField(
            answer_form_class(q, rows=rows.get(q.key, 1), accept=accept), qt(q.text)
        )
        for q in questions
    }
    return type("PageForm", (QuestionnaireForm,), attrs)


def initial_data(question: Question, answer: dict | None) -> dict:
    """Subform data for a stored answer (as `load_answers` gives it: raw text where invalid)."""
    answer = answer or {}
    data = {
        "value": question.kind.form_data(question, answer.get("value")),
        "confidential": bool(answer.get("confidential")),
        "comment": answer.get("comment") or "",
    }
    if question.allow_states:
        data["state"] = answer.get("state") or VALUE
    return data


def _text(data) -> str | None:
    if not isinstance(data, str):
        return None
    return data.replace("\r\n", "\n").strip() or None


def answer_payload(question: Question, form: AnswerForm) -> dict:
    """A save payload for `save_answers` from one answer's subform.

    A new file upload stays a werkzeug FileStorage here: the caller stores it and puts the
    attachment's token in its place.
    """
    return _payload(
        question,
        form.value.data,
        form.confidential.data,
        form.comment.data,
        form.state.data if "state" in form else None,
    )


def stored_payload(question: Question, answer: dict | None) -> dict:
    """The payload the page would send back for a stored answer left untouched."""
    data = initial_data(question, answer)
    return _payload(
        question, data["value"], data["confidential"], data["comment"], data.get("state")
    )


def _payload(question, value_data, confidential, comment, state) -> dict:
    value = question.kind.form_value(question, value_data)
    if isinstance(value, str):
        value = value.replace("\r\n", "\n")
    return {
        "state": state or VALUE,
        "value": value,
        "confidential": bool(confidential),
        "comment": _text(comment),
    }


def fingerprint(payload: dict) -> str:
    """A short digest of what an answer says; equal payloads have equal fingerprints.

    The value of a non-value state does not count (it is not stored); a new upload is
    always a change.
    """
    state = payload.get("state") or VALUE
    value = payload.get("value") if state == VALUE else None
    if hasattr(value, "filename"):
        value = {"upload": secrets.token_hex(8)}
    canonical = {
        "state": state,
        "value": value,
        "confidential": bool(payload.get("confidential")),
        "comment": payload.get("comment"),
    }
    digest = hashlib.sha256(json.dumps(canonical, sort_keys=True, default=str).encode("utf-8"))
    return digest.hexdigest()[:20]


def keep_unknown_choices(form: QuestionnaireForm) -> None:
    """Offer a stored value that is not among a list's options (e.g. sent through the API),
    so that showing and saving the page again never replaces it silently."""
    for field in _choice_fields(form):
        codes = {str(choice.value) for choice in field.choices}
        chosen = field.data if isinstance(field.data, list) else [field.data]
        for value in chosen:
            if value not in (None, "") and str(value) not in codes:
                field.choices = list(field.choices) + [
                    SelectChoice(str(value), _("%(value)s (not in the list)", value=value))
                ]


def _choice_fields(field):
    if isinstance(field, (SelectField, RadioField, SelectMultipleField)):
        yield field
    elif isinstance(field, FormField):
        for sub in field.form:
            yield from _choice_fields(sub)
    elif isinstance(field, FieldList):
        for entry in field.entries:
            yield from _choice_fields(entry)
    elif isinstance(field, Form):
        for sub in field:
            yield from _choice_fields(sub)
