"""Files attached to answers: a content-addressed store under `ORT_ATTACHMENT_DIR`.

The bytes are kept once per content (path from the SHA-256), so two uploads of the same
document share one file and a stored file never changes; the `Attachment` row gives each
upload its report, question, name and an unguessable token. Only document and image
types that reports need are accepted, recognised by their content as well as their
name, and never bigger than `ORT_MAX_ATTACHMENT_BYTES`; a report holds at most
`ORT_MAX_REPORT_ATTACHMENTS` files of `ORT_MAX_REPORT_ATTACHMENT_BYTES` in all.

A file replaced or removed from its answer is deleted once nothing refers to it any more
(`release`, then `remove_unused_files` after the commit): no answer and no submitted
version of the Party's reports, and for the bytes, no other upload of the same content.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import tempfile
from pathlib import Path

from flask import current_app
from flask_babel import format_decimal
from flask_babel import gettext as _
from sqlalchemy import Text, cast, func, select
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from ..extensions import db
from ..models import Answer, Attachment, Report, Submission
from .types import ALLOWED, accept_attribute, content_type_for

__all__ = [
    "AttachmentRejected",
    "accept_attribute",
    "attachment_path",
    "find_attachment",
    "store_upload",
    "attachments_by_token",
    "release",
    "remove_unused_files",
]

log = logging.getLogger(__name__)
_CHUNK = 64 * 1024
DEFAULT_MAX_REPORT_ATTACHMENTS = 50
DEFAULT_MAX_REPORT_ATTACHMENT_BYTES = 100 * 1024 * 1024


class AttachmentRejected(Exception):
    """An upload that is refused; the message is translated for the user."""


def _root() -> Path:
    return Path(current_app.config["ORT_ATTACHMENT_DIR"])


def attachment_path(sha256: str) -> Path:
    return _root() / sha256[:2] / sha256[2:4] / sha256


def store_upload(
    report: Report,
    question_key: str,
    upload: FileStorage,
    user=None,
    *,
    replaces: str | None = None,
) -> Attachment:
    """Check and store an uploaded file for one answer of a report; flushes the new row.

    `replaces`: the token of the file the upload takes the place of (it does not count
    against the report's quota). A store that cannot be written is a refusal too."""
    filename = _clean_name(upload.filename or "")
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in ALLOWED:
        raise AttachmentRejected(
            _(
                "Files of this type cannot be attached. Use PDF, Word, Excel, "
                "OpenDocument, CSV, text, PNG or JPEG."
            )
        )
    files, total = _report_usage(report, replaces)
    most = _config("ORT_MAX_REPORT_ATTACHMENTS", DEFAULT_MAX_REPORT_ATTACHMENTS)
    if files >= most:
        raise AttachmentRejected(
            _(
                "This report already has %(num)d files, the most a report can have. Remove a "
                "file before attaching another.",
                num=most,
            )
        )
    limit = current_app.config["ORT_MAX_ATTACHMENT_BYTES"]
    try:
        digest, size, temp = _spool(upload.stream, limit)
    except OSError as exc:
        raise _store_failed(exc) from exc
    try:
        if size == 0:
            raise AttachmentRejected(_("The file is empty."))
        quota = _config("ORT_MAX_REPORT_ATTACHMENT_BYTES", DEFAULT_MAX_REPORT_ATTACHMENT_BYTES)
        if total + size > quota:
            raise AttachmentRejected(
                _(
                    "With this file the report's files would take more than %(size)s MB, the most "
                    "a report can have. Remove or replace a file first.",
                    size=_megabytes(quota),
                )
            )
        with open(temp, "rb") as handle:
            head = handle.read(8192)
        if not ALLOWED[extension].matches(head):
            raise AttachmentRejected(
                _("The file's content does not match its name (%(ext)s).", ext=extension)
            )
        target = attachment_path(digest)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(temp, target)
    except OSError as exc:
        raise _store_failed(exc) from exc
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    attachment = Attachment(
        token=secrets.token_urlsafe(24),
        report_id=report.id,
        question_key=question_key,
        filename=filename,
        content_type=content_type_for(extension),
        size=size,
        sha256=digest,
        uploaded_by_id=getattr(user, "id", None),
    )
    db.session.add(attachment)
    db.session.flush()
    return attachment


def _config(name: str, default: int) -> int:
    return int(current_app.config.get(name, default))


def _megabytes(size: int) -> str:
    return format_decimal(size / 1024 / 1024, "#,##0.#")


def _report_usage(report: Report, replaces: str | None) -> tuple[int, int]:
    """The report's attachments: how many and how many bytes (without the one replaced)."""
    query = select(func.count(Attachment.id), func.coalesce(func.sum(Attachment.size), 0)).where(
        Attachment.report_id == report.id
    )
    if replaces:
        query = query.where(Attachment.token != replaces)
    files, total = db.session.execute(query).one()
    return int(files), int(total)


def _store_failed(exc: OSError) -> AttachmentRejected:
    log.error("the attachment store %s cannot be written: %s", _root(), exc)
    return AttachmentRejected(_("The file could not be stored, try again."))


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
                    raise AttachmentRejected(
                        _(
                            "The file is larger than %(size)s MB.",
                            size=round(limit / 1024 / 1024, 1),
                        )
                    )
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
        select(Attachment).where(Attachment.report_id == report.id, Attachment.token.in_(tokens))
    )
    return {a.token: a for a in rows}


def is_referenced(attachment: Attachment) -> bool:
    """Whether an answer or a submitted version of the Party's reports names the file.

    Carried-over answers name files of the Party's earlier reports, so every report of the
    Party counts; a submitted version keeps its files for ever."""
    party_reports = select(Report.id).where(
        Report.party_id
        == select(Report.party_id).where(Report.id == attachment.report_id).scalar_subquery()
    )
    token = attachment.token
    in_answers = (
        select(Answer.id)
        .where(
            Answer.report_id.in_(party_reports),
            (Answer.value_text == token) | (Answer.raw_value == token),
        )
        .limit(1)
    )
    in_versions = (
        select(Submission.id)
        .where(
            Submission.report_id.in_(party_reports),
            cast(Submission.content, Text).contains(f'"{token}"', autoescape=True),
        )
        .limit(1)
    )
    return (
        db.session.scalars(in_answers).first() is not None
        or db.session.scalars(in_versions).first() is not None
    )


def release(report: Report, tokens) -> list[str]:
    """Delete the report's attachments of `tokens` that nothing refers to any more (after
    their answers were saved and flushed); returns their contents' hashes for
    `remove_unused_files`, to call once the transaction is committed."""
    released = []
    for attachment in attachments_by_token(report, tokens).values():
        if not is_referenced(attachment):
            log.info(
                "attachment %s (%s) of report %s is no longer used: deleted",
                attachment.id,
                attachment.filename,
                report.id,
            )
            db.session.delete(attachment)
            released.append(attachment.sha256)
    if released:
        db.session.flush()
    return released


def remove_unused_files(digests) -> None:
    """Delete the stored files of these contents that no attachment uses (after a commit)."""
    for digest in set(digests or ()):
        used = db.session.scalars(
            select(Attachment.id).where(Attachment.sha256 == digest).limit(1)
        ).first()
        if used is None:
            try:
                attachment_path(digest).unlink(missing_ok=True)
            except OSError as exc:  # left behind; `ort verify` does not mind an extra file
                log.warning("could not delete the unused file %s: %s", digest, exc)
