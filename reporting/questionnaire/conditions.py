"""Conditions declared in format files, evaluated against a report's answers."""

from __future__ import annotations

from typing import Any

from .definition import Format


def effective_value(answer: dict | None) -> Any:
    """The value a condition sees: the value itself, or the answer's state if not a value."""
    if not answer:
        return None
    state = answer.get("state", "value")
    return answer.get("value") if state == "value" else state


def holds(condition: dict | None, data: dict, visible: dict[str, bool] | None = None) -> bool:
    if condition is None:
        return True
    if "all" in condition:
        return all(holds(c, data, visible) for c in condition["all"])
    if "any" in condition:
        return any(holds(c, data, visible) for c in condition["any"])
    key = condition["question"]
    if visible is not None and not visible.get(key, True):
        return False  # an answer hidden by its own condition counts as not given
    value = effective_value(data.get(key))
    if "equals" in condition:
        return value == condition["equals"]
    if "in" in condition:
        return value in condition["in"]
    return isinstance(value, list) and condition["contains"] in value


def visibility(fmt: Format, data: dict, kind: str | None = None) -> dict[str, bool]:
    """Which questions are shown; conditions only refer to earlier questions."""
    visible: dict[str, bool] = {}
    for q in fmt.iter_questions(kind):
        visible[q.key] = holds(q.visible_if, data, visible)
    return visible
