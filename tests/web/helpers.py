"""Helpers for request tests: logging in, and posting a page back as a browser would."""

from __future__ import annotations

import html
import re

from sqlalchemy import select

from reporting.auth.sessions import session_values
from reporting.extensions import db as _db
from reporting.models import Report


def login(client, user) -> None:
    with client.session_transaction() as session:
        session.update(session_values(user))


def logout(client) -> None:
    with client.session_transaction() as session:
        session.clear()


def form_fields(html: str) -> dict[str, str]:
    """The named inputs of a page with their values, as a browser would post them
    (text inputs and textareas; checked radios and boxes; selected options)."""
    fields: dict[str, list[str]] = {}
    for tag in re.finditer(r"<input\b[^>]*>", html):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag.group(0)))
        if "name" not in attrs or attrs.get("type") in ("submit", "file"):
            continue
        if attrs.get("type") in ("radio", "checkbox") and " checked" not in tag.group(0):
            continue
        fields.setdefault(_unescape(attrs["name"]), []).append(_unescape(attrs.get("value", "")))
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        fields.setdefault(_unescape(name), []).append(_unescape(body.lstrip("\r\n")))
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.findall(r'<option selected value="([^"]*)"', body)
        fields.setdefault(_unescape(name), []).append(_unescape(chosen[0] if chosen else ""))
    return {k: v[0] if len(v) == 1 else v for k, v in fields.items()}


def _unescape(text: str) -> str:
    return html.unescape(text)


def reload(report: Report) -> Report:
    _db.session.expire_all()
    return _db.session.scalars(select(Report).where(Report.id == report.id)).one()
