"""Loading format files, and the set of formats shipped with the application.

Format files are read-only data shipped with the code, so caching the parsed tree per
process is not application state: every worker derives the same tree from the same file.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from .definition import Format
from .format_schema import FormatInvalid, build_format

FORMATS_DIR = Path(__file__).parent / "formats"


class FormatError(Exception):
    """A format file that cannot be used; `errors` are `path: message` lines."""

    def __init__(self, file: str, errors: list[str]):
        self.file = file
        self.errors = errors
        super().__init__(f"{file}: " + "; ".join(errors))

    def __str__(self) -> str:
        return "\n".join(f"{self.file}: {line}" for line in self.errors)


def load_format_file(path: str | Path) -> Format:
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise FormatError(str(path), [f"(file): cannot be read as YAML: {exc}"]) from exc
    if not isinstance(raw, dict):
        raise FormatError(str(path), ["(file): the top level must be a mapping"])
    try:
        return build_format(raw, str(path))
    except FormatInvalid as exc:
        raise FormatError(str(path), exc.errors) from exc


@lru_cache(maxsize=1)
def _shipped() -> dict[tuple[str, str], Format]:
    formats = {}
    for path in sorted(FORMATS_DIR.glob("*.yaml")):
        fmt = load_format_file(path)
        formats[(fmt.id, fmt.version)] = fmt
    return formats


def format_raw(fmt: Format) -> dict:
    """The format file of `fmt` as parsed YAML (what `build_format` accepts)."""
    return yaml.safe_load(Path(fmt.path).read_text(encoding="utf-8"))


def list_formats() -> list[Format]:
    return list(_shipped().values())


def get_format(format_id: str, version: str) -> Format:
    try:
        return _shipped()[(format_id, version)]
    except KeyError:
        raise LookupError(f"no format {format_id} {version}") from None
