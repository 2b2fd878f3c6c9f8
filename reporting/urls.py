"""Absolute URLs, in a request or outside one (a task, the CLI): for mail and PDFs."""

from __future__ import annotations

from flask import current_app, has_request_context, url_for


def absolute_url(endpoint: str, **values) -> str:
    """An absolute URL of `endpoint`: the request's host, or outside a request
    `ORT_BASE_URL` (default http://localhost/)."""
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    base = current_app.config.get("ORT_BASE_URL") or "http://localhost/"
    with current_app.test_request_context("/", base_url=base):
        return url_for(endpoint, _external=True, **values)
