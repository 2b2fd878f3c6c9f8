"""Submit-mode checks: required and conditional answers, kind rules, cross-field rules."""

from __future__ import annotations

import operator
from decimal import Decimal

from flask_babel import gettext as _

from .conditions import effective_value, holds, visibility
from .definition import Format, Question, Rule
from .issues import Issue

_OPS = {
    "gt": operator.gt,
    "ge": operator.ge,
    "lt": operator.lt,
    "le": operator.le,
    "eq": operator.eq,
    "ne": operator.ne,
}
#: Ops that compare how many options a multiple choice answer chose with the rule's value.
_COUNT_OPS = {"count_ge": operator.ge, "count_le": operator.le}


def chosen_count(value) -> int | None:
    """How many options an answer chose: the length of a list, 0 for no answer or the
    state "none"; None for another state (not applicable, not available), which says
    nothing about a count."""
    if value is None or value == "none":
        return 0
    if isinstance(value, list):
        return len(value)
    return None


def is_answered(question: Question, answer: dict | None) -> bool:
    if not answer:
        return False
    if answer.get("state", "value") != "value":
        return True
    return not question.kind.is_empty(answer.get("value"))


def required_message() -> str:
    """The message of a required answer left empty (also checked in the browser)."""
    return _("This question requires an answer.")


def is_required(question: Question, data: dict, visible: dict[str, bool]) -> bool:
    if question.required:
        return True
    return question.required_if is not None and holds(question.required_if, data, visible)


def submission_issues(fmt: Format, data: dict, kind: str | None = None) -> list[Issue]:
    """Every error and warning that stands between these (type-valid) answers and submission.

    Answers hidden by a condition are neither required nor checked.
    """
    visible = visibility(fmt, data, kind)
    issues: list[Issue] = []
    for q in fmt.iter_questions(kind):
        if not visible[q.key]:
            continue
        answer = data.get(q.key)
        if answer is None or not is_answered(q, answer):
            if is_required(q, data, visible):
                issues.append(Issue(q.key, required_message()))
            continue
        if answer.get("state", "value") == "value":
            issues.extend(
                Issue(q.key, p.message, row=p.row, column=p.column)
                for p in q.kind.submit_errors(q, answer.get("value"))
            )
    for rule in fmt.rules:
        issues.extend(_rule_issues(rule, fmt, data, visible))
    return issues


def _rule_issues(rule: Rule, fmt: Format, data: dict, visible: dict[str, bool]) -> list[Issue]:
    involved = [rule.check["left"]] + ([rule.check["right"]] if "right" in rule.check else [])
    if not all(visible.get(key, False) for key in involved):
        return []
    if not holds(rule.when, data, visible):
        return []
    left = effective_value(data.get(rule.check["left"]))
    op = rule.check["op"]
    if op in _COUNT_OPS:
        count = chosen_count(left)
        if count is None or _COUNT_OPS[op](count, rule.check["value"]):
            return []
        return [Issue(key, _(rule.message), rule.severity, field="rule") for key in rule.questions]
    right = (
        effective_value(data.get(rule.check["right"]))
        if "right" in rule.check
        else rule.check["value"]
    )
    if isinstance(left, Decimal) and isinstance(right, (int, float)):
        right = Decimal(str(right))
    try:
        ok = _OPS[op](left, right)
    except TypeError:
        return []  # a missing or non-value answer is the `required` check's business
    if ok:
        return []
    return [Issue(key, _(rule.message), rule.severity, field="rule") for key in rule.questions]
