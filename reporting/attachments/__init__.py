"""Files attached to answers: a content-addressed store under `ORT_ATTACHMENT_DIR`.

The bytes are kept once per content (path from the SHA-256), so two uploads of the same
document share one file and a stored file never changes; the `Attachment` row gives each
upload its report, question, name and an unguessable token. Only document and image
types that reports need are accepted, recognised by their content as well as their
name, and never bigger than `ORT_MAX_ATTACHMENT_BYTES`.
"""
from __future__ import annotations

import hashlib
import os
import secrets
import tempfile
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from ..extensions import db
from ..models import Attachment, Report
from .types import ALLOWED, accept_attribute, content_type_for

__all__ = ["AttachmentRejected", "accept_attribute", "attachment_path", "find_attachment",
           "store_upload", "attachments_by_token"]

_CHUNK = 64 * 1024


class AttachmentRejected(Exception):
    """An upload that is refused; the message is translated for the user."""


def _root() -> Path:
    return Path(current_app.config["ORT_ATTACHMENT_DIR"])


def attachment_path(sha256: str) -> Path:
    return _root() / sha256[:2] / sha256[2:4] / sha256


def store_upload(report: Report, question_key: str, upload: FileStorage, user=None) -> Attachment:
    """Check and store an uploaded file for one answer of a report; flushes the new row."""
    filename = _clean_name(upload.filename or "")
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in ALLOWED:
        raise AttachmentRejected(_("Files of this type cannot be attached. Use PDF, Word, Excel, "
                                   "OpenDocument, CSV, text, PNG or JPEG."))
    limit = current_app.config["ORT_MAX_ATTACHMENT_BYTES"]
    digest, size, temp = _spool(upload.stream, limit)
    try:
        if size == 0:
            raise AttachmentRejected(_("The file is empty."))
        with open(temp, "rb") as handle:
            head = handle.read(8192)
        if not ALLOWED[extension].matches(head):
            raise AttachmentRejected(_("The file's content does not match its name (%(ext)s).",
                                       ext=extension))
        target = attachment_path(digest)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(temp, target)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    attachment = Attachment(
        token=secrets.token_urlsafe(24), report_id=report.id, question_key=question_key,
        filename=filename, content_type=content_type_for(extension), size=size, sha256=digest,
        uploaded_by_id=getattr(user, "id", None),
    )
    db.session.add(attachment)
    db.session.flush()
    return attachment


def _clean_name(name: str) -> str:
    """A safe file name that keeps non-Latin names readable (secure_filename drops them)."""
    base = os.path.basename(name.replace("\\", "/")).strip().replace("\x00", "")
    safe = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"/\\|?*')
    if not safe.strip(". "):
        safe = secure_filename(name) or "file"
    return safe[-200:]


def _spool(stream, limit: int) -> tuple[str, int, str]:
    """Copy the upload to a temporary file in the store, hashing it and enforcing the limit."""
    root = _root()
    root.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, temp = tempfile.mkstemp(dir=root, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise AttachmentRejected(_("The file is larger than %(size)s MB.",
                                               size=round(limit / 1024 / 1024, 1)))
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        os.unlink(temp)
        raise
    return digest.hexdigest(), size, temp


def find_attachment(report: Report, token: str) -> Attachment | None:
    """The report's attachment with this token (another report's token finds nothing)."""
    return db.session.scalars(
        select(Attachment).where(Attachment.report_id == report.id, Attachment.token == token)
    ).first()


def attachments_by_token(report: Report, tokens) -> dict[str, Attachment]:
    tokens = [t for t in tokens if t]
    if not tokens:
        return {}
    rows = db.session.scalars(
        select(Attachment).where(Attachment.report_id == report.id, Attachment.token.in_(tokens)))
    return {a.token: a for a in rows}
