"""Page-number paging: X-Total-Count and RFC 8288 Link headers (first, prev, next, last)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask import request, url_for
from sqlalchemy import Select, func, select

from ..extensions import db


def paginate(query: Select, page: int, page_size: int) -> tuple[Sequence, dict]:
    """The page's items and the headers that describe the whole collection."""
    total = (
        db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    )
    items = db.session.scalars(query.limit(page_size).offset((page - 1) * page_size)).all()
    return items, page_headers(total, page, page_size)


def paginate_list(items: list, page: int, page_size: int) -> tuple[list, dict]:
    start = (page - 1) * page_size
    return items[start : start + page_size], page_headers(len(items), page, page_size)


def page_headers(total: int, page: int, page_size: int) -> dict:
    last = max(1, -(-total // page_size))
    links = {"first": 1, "last": last}
    if page > 1:
        links["prev"] = min(page - 1, last)
    if page < last:
        links["next"] = page + 1
    return {
        "X-Total-Count": str(total),
        "Link": ", ".join(
            f'<{_page_url(number, page_size)}>; rel="{rel}"' for rel, number in links.items()
        ),
    }


def _page_url(page: int, page_size: int) -> str:
    args: dict[str, Any] = request.args.to_dict(flat=False)
    args.update(page=page, page_size=page_size)
    assert request.endpoint is not None  # a paged response answers a routed request
    return url_for(request.endpoint, **(request.view_args or {}), **args, _external=True)
