"""The reporting format as a workbook, for the secretariat to edit without a developer.

`export` writes a format (and its translations) as an XLSX workbook; `read` reads one
back into the raw dict the format schema validates, naming each error by sheet, row and
column; `changes` lists what differs from the current version; `write` stores a new
version file and merges its translations into the questionnaire catalogs.
"""

from .catalogs import read_catalogs
from .changes import list_changes
from .export import export_workbook
from .read import WorkbookInvalid, read_workbook
from .write import VersionExists, write_version

__all__ = [
    "VersionExists",
    "WorkbookInvalid",
    "export_workbook",
    "list_changes",
    "read_catalogs",
    "read_workbook",
    "write_version",
]
