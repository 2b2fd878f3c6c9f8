"""A format's `visible_if` conditions as SQL, to count the Parties a question was asked of.

A non-response is a Party that was asked a question and left it blank. Whether a
conditional question was asked depends on the answers it refers to, also for Parties
that left it blank (they have no answer row to flag), so the condition is evaluated
in SQL with the semantics of `reporting.questionnaire.conditions.holds`:
- the compared value is the answer's value, or its state when it is not a value;
- an answer hidden by its own condition counts as not given (`Answer.hidden`, kept
  current on every save, carries the chain of conditions);
- `equals` / `in` compare codes, texts, numbers or state names; `contains` looks for a
  code among a multiple choice's options; `all` / `any` combine;
- for the published audience, confidential answers count as not given (`published`).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import and_, exists, false, or_, select, true
from sqlalchemy.orm import aliased

from ..models import Answer, AnswerState
from .sql import json_elements

_STATES = {s.value for s in AnswerState} - {"value"}


def _equals(answer, expected):
    if isinstance(expected, bool):
        return false()  # no kind stores booleans; `holds` never matches them either
    if isinstance(expected, (int, float)):
        return and_(answer.state == AnswerState.value, answer.value_number == expected)
    expected = str(expected)
    clauses = [and_(answer.state == AnswerState.value, answer.value_text == expected)]
    if expected in _STATES:
        clauses.append(answer.state == AnswerState(expected))
    return or_(*clauses)


def _contains(answer, code: str):
    elements = json_elements(answer.value_json)
    return and_(
        answer.state == AnswerState.value,
        exists(select(elements.c.value).where(elements.c.value == str(code))),
    )


#: The `visible_if` of a question by key (None for a question shown to everyone).
ConditionOf = Callable[[str], "dict | None"]


def condition_sql(condition: dict | None, report_id, published: ConditionOf | None = None):
    """SQL truth of a condition for the report whose id is the column `report_id`.

    With `published` (the format's conditions by question key), the condition is that
    of the published data, where confidential answers do not exist: it holds only on an
    answer that is not confidential and whose own question is shown (its condition holds
    the same way, up the chain). A follow-up question then never reveals a confidential
    answer it depends on ("exports: yes" kept confidential, its quantities are not shown
    either, nor counted as asked)."""
    if condition is None:
        return true()
    if "all" in condition:
        return and_(*(condition_sql(c, report_id, published) for c in condition["all"]))
    if "any" in condition:
        return or_(*(condition_sql(c, report_id, published) for c in condition["any"]))
    answer = aliased(Answer)
    if "equals" in condition:
        predicate = _equals(answer, condition["equals"])
    elif "in" in condition:
        predicate = or_(false(), *(_equals(answer, v) for v in condition["in"]))
    else:
        predicate = _contains(answer, condition["contains"])
    clauses = [
        answer.report_id == report_id,
        answer.question_key == condition["question"],
        answer.hidden.is_(False),
        predicate,
    ]
    if published is None:
        return exists().where(*clauses)
    found = exists().where(*clauses, answer.confidential.is_(False))
    parent = published(condition["question"])
    return and_(found, condition_sql(parent, report_id, published)) if parent else found


def published_view(fmt) -> ConditionOf:
    """The conditions of a format's questions, for `condition_sql(..., published=)`."""

    def condition_of(key: str):
        return fmt.question(key).visible_if if fmt.has_question(key) else None

    return condition_of
