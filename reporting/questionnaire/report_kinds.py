"""Report kinds as the format files declare them (short, full, annual, ...).

A cycle stores its kind's code; its label, cadence and question selection come from the
cycle's format, so that a convention with other kinds needs no code change.
"""

from __future__ import annotations

from .definition import Format
from .registry import get_format, list_formats
from .translate import qt


def kind_label(fmt: Format, code: str) -> str:
    """The label of report kind `code` of `fmt` in the current locale (the code itself if
    the format declares no such kind, e.g. a version submitted under an older format)."""
    try:
        return qt(fmt.report_kind(code).label)
    except LookupError:
        return code


def kind_name(fmt: Format, code: str) -> str:
    """What a report of kind `code` is called ("Short report"), in the current locale."""
    try:
        return qt(fmt.report_kind(code).name)
    except LookupError:
        return code


def cycle_kind_label(cycle) -> str:
    """The label of a reporting cycle's kind, from the cycle's format."""
    return kind_label(get_format(cycle.format_id, cycle.format_version), cycle.kind)


def report_kind_codes() -> list[str]:
    """Every report kind code of the loaded formats, in order of first declaration (the
    API's enumeration of kinds)."""
    codes: dict[str, None] = {}
    for fmt in list_formats():
        codes.update(dict.fromkeys(fmt.report_kind_codes))
    return list(codes)


def check_cycle_kind(format_id: str, version: str, code: str) -> None:
    """Refuse a cycle whose kind its format does not declare (LookupError)."""
    get_format(format_id, version).report_kind(code)
