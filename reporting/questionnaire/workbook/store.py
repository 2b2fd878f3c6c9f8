"""Format versions imported on the web: compared with their current version and stored
in the database (the application cannot write into its code folder)."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from ...config import PROJECT_ROOT
from ...extensions import db
from ...models import FormatVersion, User
from .. import translate
from ..definition import Format
from ..registry import format_raw, get_format, list_formats
from .catalogs import read_catalogs
from .changes import list_changes
from .read import WorkbookFormat
from .write import VersionExists, format_yaml

TRANSLATIONS_DIR = PROJECT_ROOT / "translations"


def current_catalogs(translations_dir=TRANSLATIONS_DIR) -> dict[str, dict[str, str]]:
    """The questionnaire catalogs as `qt` sees them: the shipped ones, overlaid with the
    translations of the stored versions."""
    list_formats()  # loads the stored versions and their translations
    catalogs = read_catalogs(translations_dir)
    for lang, texts in translate.stored_translations().items():
        catalogs.setdefault(lang, {}).update(texts)
    return catalogs


def current_version(format_id: str, version: str, follows: str | None) -> Format | None:
    """The version a new one is compared with: the same version if it exists, else the
    latest of the same format id (the one the workbook was most likely made from; a
    workbook keeps the `follows` of the version it was exported from), else none."""
    same_id = [f for f in list_formats() if f.id == format_id]
    same = [f for f in same_id if f.version == version]
    if same:
        return same[0]
    return sorted(same_id, key=lambda f: f.version)[-1] if same_id else None


def changes_of(workbook: WorkbookFormat, catalogs) -> tuple[Format | None, list[str]]:
    current = current_version(workbook.id, workbook.version, workbook.raw.get("follows"))
    if current is None:
        return None, []
    return current, list_changes(format_raw(current), catalogs, workbook.raw, workbook.translations)


def new_translations(workbook: WorkbookFormat, catalogs) -> dict[str, dict[str, str]]:
    """The workbook's translations that the current catalogs do not already give."""
    return {
        lang: {
            text: value
            for text, value in texts.items()
            if catalogs.get(lang, {}).get(text) != value
        }
        for lang, texts in workbook.translations.items()
    }


def store_version(workbook: WorkbookFormat, user: User | None, catalogs) -> FormatVersion:
    """Store the workbook's format as a new version (flushed, not committed). A version
    that exists already, shipped or stored, is never replaced."""
    try:
        get_format(workbook.id, workbook.version)
    except LookupError:
        pass
    else:
        raise VersionExists(
            _(
                "%(id)s %(version)s exists already: raise the version in the sheet Format.",
                id=workbook.id,
                version=workbook.version,
            )
        )
    if (
        db.session.scalar(
            select(FormatVersion.id).where(
                FormatVersion.format_id == workbook.id, FormatVersion.version == workbook.version
            )
        )
        is not None
    ):
        raise VersionExists(
            _(
                "%(id)s %(version)s exists already: raise the version in the sheet Format.",
                id=workbook.id,
                version=workbook.version,
            )
        )
    row = FormatVersion(
        format_id=workbook.id,
        version=workbook.version,
        source=format_yaml(workbook.raw),
        translations={
            lang: texts for lang, texts in new_translations(workbook, catalogs).items() if texts
        },
        created_by=user,
    )
    db.session.add(row)
    db.session.flush()
    return row
