"""Writing a format version read from a workbook: a new `<id>-<version>.yaml` file in
the formats folder, and its translations merged into the questionnaire catalogs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from flask_babel import gettext as _

from .catalogs import merge_catalogs
from .changes import same_format


class VersionExists(Exception):
    """The workbook's id and version name a stored version with other content."""


def format_yaml(raw: dict) -> str:
    """The format file text of a raw format dict (keys in the order of format files)."""
    header = (
        "# Written by `ort format import` from the secretariat's workbook.\n"
        "# Edit the workbook (ort format export --xlsx), not this file.\n"
    )
    return header + yaml.safe_dump(
        raw, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )


def existing_raw(formats_dir: Path, format_id: str, version: str) -> tuple[Path, dict] | None:
    """The file (and its parsed content) of `format_id` `version` in the folder, if any."""
    for path in sorted(Path(formats_dir).glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        if (
            isinstance(raw, dict)
            and raw.get("id") == format_id
            and str(raw.get("version")) == version
        ):
            return path, raw
    return None


@dataclass
class Written:
    #: The new version file, or None when the version existed with the same content.
    path: Path | None
    #: Translations added or updated per language.
    translations: dict[str, int]


def write_version(workbook, formats_dir: str | Path, translations_dir: str | Path) -> Written:
    """Write the workbook's format as a new version file (unless that id and version
    exist with the same content) and merge its translations into the catalogs."""
    formats_dir = Path(formats_dir)
    found = existing_raw(formats_dir, workbook.id, workbook.version)
    path = None
    if found is not None:
        if not same_format(found[1], workbook.raw):
            raise VersionExists(
                _(
                    "%(id)s %(version)s exists with other content (%(file)s): raise the version "
                    "in the sheet Format.",
                    id=workbook.id,
                    version=workbook.version,
                    file=found[0].name,
                )
            )
    else:
        path = formats_dir / f"{workbook.id}-{workbook.version}.yaml"
        path.write_text(format_yaml(workbook.raw), encoding="utf-8")
    return Written(path, merge_catalogs(translations_dir, workbook.translations))
