"""The few SQL constructs that differ between PostgreSQL and SQLite.

- JSON arrays as rows (the options of a multiple choice): `jsonb_array_elements_text`
  on PostgreSQL, `json_each` on SQLite; both may refer to a column of an earlier FROM
  item, so they work as a correlated join.
- Medians: `percentile_cont(0.5) WITHIN GROUP (ORDER BY x)` on PostgreSQL. SQLite has
  no percentile function, so the fallback is plain SQL with window functions: number
  the values of each group (`row_number()` and `count(*)` over the group, ordered by
  value) and average the one or two middle rows, `rn IN ((n + 1) / 2, (n + 2) / 2)`
  in integer arithmetic. Both give the same (interpolated) median.
"""

from __future__ import annotations

from sqlalchemy import Float, cast, func, literal, select

from ..exports.sql import dialect_name, json_elements  # noqa: F401  (one definition)


def medians(values, group_columns: list[str], value_column: str = "x"):
    """SELECT group columns, median of `value_column` FROM the subquery `values` GROUP BY them.

    `values` is a subquery (or CTE); its column `value_column` holds the numbers.
    """
    groups = [values.c[name] for name in group_columns]
    x = values.c[value_column]
    if dialect_name() == "postgresql":
        return select(*groups, func.percentile_cont(0.5).within_group(x).label("median")).group_by(
            *groups
        )
    ranked = select(
        *groups,
        cast(x, Float).label("x"),
        func.row_number().over(partition_by=groups, order_by=x).label("rn"),
        func.count(literal(1)).over(partition_by=groups).label("n"),
    ).subquery("ranked")
    rank_groups = [ranked.c[name] for name in group_columns]
    # Floor division of integers (SQLAlchemy's "/" would be true division).
    middle = ranked.c.rn.in_([(ranked.c.n + 1) // 2, (ranked.c.n + 2) // 2])
    return (
        select(*rank_groups, func.avg(ranked.c.x).label("median"))
        .where(middle)
        .group_by(*rank_groups)
    )
