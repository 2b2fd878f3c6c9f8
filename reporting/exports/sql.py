"""SQL constructs that differ between PostgreSQL and SQLite, needed by the exports'
conditions (JSON arrays as rows: `jsonb_array_elements_text` on PostgreSQL, `json_each`
on SQLite; both may refer to a column of an earlier FROM item, a correlated join).
The aggregates' own (medians) are in `reporting.analysis.sql`."""

from __future__ import annotations

from sqlalchemy import func

from ..extensions import db


def dialect_name() -> str:
    return db.session.get_bind().dialect.name


def json_elements(column):
    """A table-valued function giving one row (column `value`) per element of a JSON array."""
    if dialect_name() == "postgresql":
        return func.jsonb_array_elements_text(column).table_valued("value")
    return func.json_each(column).table_valued("value")
