"""The file types accepted as attachments, recognised by name and by content.

The content type sent by the browser is not trusted: the stored type comes from this
table, and the first bytes must look like the type the name claims.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class FileType:
    content_type: str
    #: Leading bytes of such files; None for text, checked as UTF-8 instead.
    magic: tuple[bytes, ...] | None

    def matches(self, head: bytes) -> bool:
        if self.magic is None:
            return _is_text(head)
        return head.startswith(self.magic)


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


ALLOWED: dict[str, FileType] = {
    "pdf": FileType("application/pdf", (b"%PDF-",)),
    "png": FileType("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": FileType("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": FileType("image/jpeg", (b"\xff\xd8\xff",)),
    "docx": FileType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (_ZIP,)
    ),
    "xlsx": FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (_ZIP,)),
    "odt": FileType("application/vnd.oasis.opendocument.text", (_ZIP,)),
    "ods": FileType("application/vnd.oasis.opendocument.spreadsheet", (_ZIP,)),
    "doc": FileType("application/msword", (_OLE,)),
    "xls": FileType("application/vnd.ms-excel", (_OLE,)),
    "csv": FileType("text/csv", None),
    "txt": FileType("text/plain", None),
}


def content_type_for(extension: str) -> str:
    return ALLOWED[extension].content_type


def accept_attribute() -> str:
    """The `accept` attribute of file inputs, so the browser offers the right files."""
    return ",".join(f".{ext}" for ext in ALLOWED)
