"""Loading format files: the formats shipped with the application, and the versions the
secretariat imported on the web (stored in the database, table `format_version`).

Format files are read-only data shipped with the code, and a stored version is never
changed once stored, so caching the parsed tree per process is not application state:
every worker derives the same tree from the same text (a stored version is loaded on a
cache miss).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from flask import has_app_context

from . import translate
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
    from .lineage import check_lineage  # the lineage reads the registry

    errors = check_lineage(list(formats.values()))
    if errors:
        raise FormatError(str(FORMATS_DIR), errors)
    return formats


#: Stored versions loaded by this process: (id, version) -> (format, source text).
_stored: dict[tuple[str, str], tuple[Format, str]] = {}


def _load_stored(row) -> Format:
    """The definition of a stored version (and its translations made known to `qt`)."""
    key = (row.format_id, row.version)
    if key not in _stored:
        try:
            fmt = build_format(yaml.safe_load(row.source))
        except FormatInvalid as exc:
            raise FormatError(f"stored {row.format_id} {row.version}", exc.errors) from exc
        translate.add_stored_translations(row.translations or {})
        _stored[key] = (fmt, row.source)
    return _stored[key][0]


def _stored_rows(format_id: str | None = None, version: str | None = None) -> list:
    if not has_app_context():
        return []
    from sqlalchemy import select

    from ..extensions import db
    from ..models import FormatVersion

    query = select(FormatVersion).order_by(FormatVersion.format_id, FormatVersion.id)
    if format_id is not None:
        query = query.where(FormatVersion.format_id == format_id, FormatVersion.version == version)
    return list(db.session.scalars(query))


def forget_stored() -> None:
    """Empty the cache of stored versions (tests roll their data back)."""
    _stored.clear()
    translate.forget_stored_translations()


def is_stored(fmt: Format) -> bool:
    return fmt.path is None and (fmt.id, fmt.version) in _stored


def format_raw(fmt: Format) -> dict:
    """The format file of `fmt` as parsed YAML (what `build_format` accepts)."""
    if fmt.path is None:
        return yaml.safe_load(_stored[(fmt.id, fmt.version)][1])
    return yaml.safe_load(Path(fmt.path).read_text(encoding="utf-8"))


def _stored_keys() -> list[tuple[str, str]]:
    """(format id, version) of every stored version: one small query, no source texts."""
    if not has_app_context():
        return []
    from sqlalchemy import select

    from ..extensions import db
    from ..models import FormatVersion

    return [
        tuple(k)
        for k in db.session.execute(
            select(FormatVersion.format_id, FormatVersion.version).order_by(
                FormatVersion.format_id, FormatVersion.id
            )
        )
    ]


def list_formats() -> list[Format]:
    """The shipped formats, then the stored versions (each read once per process)."""
    shipped = _shipped()
    stored = []
    for key in _stored_keys():
        if key in shipped:
            continue
        if key not in _stored:
            rows = _stored_rows(*key)
            if not rows:
                continue
            _load_stored(rows[0])
        stored.append(_stored[key][0])
    return [*shipped.values(), *stored]


def get_format(format_id: str, version: str) -> Format:
    try:
        return _shipped()[(format_id, version)]
    except KeyError:
        pass
    if (format_id, version) in _stored:
        return _stored[(format_id, version)][0]
    rows = _stored_rows(format_id, version)
    if rows:
        return _load_stored(rows[0])
    raise LookupError(f"no format {format_id} {version}")
