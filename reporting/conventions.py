"""The conventions ORT serves, as data: `reporting/data/conventions.yaml`.

A convention names its formats, its reporting article, its brand and signature texts
(English in the file, translated through the questionnaire catalog like format texts)
and the file of its Parties' own ratification and entry-into-force dates. The file is
read-only data shipped with the code, so one parsed copy per process is not state.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
CONVENTIONS_FILE = DATA_DIR / "conventions.yaml"


@dataclass(frozen=True)
class ConventionInfo:
    code: str
    #: The official name ("Minamata Convention on Mercury").
    title: str
    #: The short name ("Minamata Convention").
    name: str
    #: The article under which Parties report ("21").
    article: str
    #: One line saying what the tool is for, in page footers.
    brand: str
    #: How mails from the secretariat are signed.
    signature: str
    formats: tuple[str, ...]
    #: The members file, relative to reporting/data/.
    members: str | None = None


def load_conventions(path: Path = CONVENTIONS_FILE) -> dict[str, ConventionInfo]:
    items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    conventions = {}
    for item in items:
        info = ConventionInfo(
            **{**item, "article": str(item["article"]), "formats": tuple(item["formats"])}
        )
        if info.code in conventions:
            raise ValueError(f"{path}: convention {info.code!r} is declared twice")
        conventions[info.code] = info
    return conventions


@lru_cache(maxsize=1)
def _shipped() -> dict[str, ConventionInfo]:
    return load_conventions()


def list_conventions() -> list[ConventionInfo]:
    """Every convention served, in the order of the data file."""
    return list(_shipped().values())


def get_convention(code: str) -> ConventionInfo:
    try:
        return _shipped()[code]
    except KeyError:
        raise LookupError(f"no convention {code!r}") from None


def convention_of_format(format_id: str) -> ConventionInfo:
    """The convention whose reports a format is for (LookupError if none claims it)."""
    for info in list_conventions():
        if format_id in info.formats:
            return info
    raise LookupError(f"no convention lists the format {format_id!r}")


@dataclass(frozen=True)
class Brand:
    """How pages and mails name the conventions served, in the current language."""

    title: str
    footer: str
    signature: str


def brand() -> Brand:
    """The brand of the conventions served (one line each, joined when several)."""
    from .questionnaire.translate import qt

    served = list_conventions()
    return Brand(
        title=" · ".join(qt(c.title) for c in served),
        footer=" · ".join(qt(c.brand) for c in served),
        signature=" / ".join(qt(c.signature) for c in served),
    )
