"""Validation issues, keyed by question (and by row and column inside tables)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Issue:
    question_key: str
    message: str
    severity: str = "error"  #: "error" blocks submission; "warning" asks for confirmation
    row: int | None = None
    column: str | None = None
    #: Which part of the answer: "value", "state", "comment" ...
    field: str = "value"

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


def messages_to_issues(messages: dict, severity: str = "error") -> list[Issue]:
    """Marshmallow's error dict of a report load as a flat list of issues."""
    issues: list[Issue] = []
    for key, by_field in messages.items():
        if isinstance(by_field, list):
            issues.extend(Issue(key, str(m), severity, field="answer") for m in by_field)
            continue
        for field, detail in by_field.items():
            if isinstance(detail, dict):  # a table: {row: {column: [messages]}}
                for row, by_column in detail.items():
                    if isinstance(by_column, list):
                        issues.extend(Issue(key, str(m), severity, row=row) for m in by_column)
                        continue
                    for column, msgs in by_column.items():
                        issues.extend(
                            Issue(key, str(m), severity, row=row, column=column) for m in msgs
                        )
            else:
                issues.extend(Issue(key, str(m), severity, field=field) for m in detail)
    return issues


def issues_to_messages(issues: list[Issue]) -> dict:
    """The inverse: issues as a Marshmallow-style nested error dict keyed by question."""
    messages: dict = {}
    for issue in issues:
        entry = messages.setdefault(issue.question_key, {})
        if issue.row is not None and issue.column is not None:
            entry.setdefault(issue.field, {}).setdefault(issue.row, {}).setdefault(
                issue.column, []
            ).append(issue.message)
        else:
            bucket = entry.setdefault(issue.field, [])
            if isinstance(bucket, list):
                bucket.append(issue.message)
    return messages
