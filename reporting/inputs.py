"""What a request may carry: no NUL character in text, no integer beyond the database's.

PostgreSQL refuses a NUL (U+0000) in text and an integer beyond 32 bits in an integer
column, with an error that would be a 500 (see STACK-NOTES). Web forms refuse a NUL with
a message at the field (`forms.base.BaseForm`), the API with a 400 problem
(`reporting.api.hooks`), query strings with a 400 page; integer parameters go through
`int_arg`, which treats an out-of-range value as no value.
"""

from __future__ import annotations

import re
from typing import Any

from flask import request
from flask_babel import lazy_gettext as _l

#: Largest id the database's integer columns hold (and URLs accept).
MAX_ID = 2_147_483_647
NUL = "\x00"
_INTEGER = re.compile(r"[+-]?[0-9]{1,19}")
NUL_MESSAGE = _l("Remove the invisible NUL character from this text: it cannot be stored.")


def has_nul(value: Any) -> bool:
    """Whether a NUL is anywhere in a string, or in the strings, keys and values of a
    (nested) list or mapping: form data, JSON, a file name."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(has_nul(v) for v in value)
    return False


def args_have_nul() -> bool:
    """Whether the path or a query-string name or value holds a NUL."""
    return NUL in request.path or any(
        NUL in text for item in request.args.items(multi=True) for text in item
    )


def int_arg(
    name: str, default: int | None = None, *, values=None, low: int = 1, high: int = MAX_ID
) -> int | None:
    """An integer parameter (from the query string, or `values`, e.g. `request.form`), or
    `default` when it is missing, not an integer, or outside `low`..`high`."""
    source = request.args if values is None else values
    text = source.get(name)
    if text is None or not _INTEGER.fullmatch(text.strip()):
        return default
    number = int(text)
    return number if low <= number <= high else default
