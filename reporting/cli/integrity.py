"""`ort verify`: nothing silently altered.

Every submitted version is checked against the SHA-256 stored when it was submitted, and
every attachment's stored file against the SHA-256 (and size) of its upload. Each
mismatch is printed; the exit code is 1 if there is any, so that cron or a monitoring
check can raise the alarm.
"""

import hashlib

import click
from sqlalchemy import func, select

from ..attachments import attachment_path
from ..extensions import db
from ..models import Attachment, Submission
from ..reports.snapshot import content_hash

_CHUNK = 1024 * 1024


def register(group):
    @group.command("verify")
    def verify():
        """Check every submitted version's hash and every attachment's file; exit 1 on a mismatch."""
        problems = [*altered_submissions(), *damaged_attachments()]
        for problem in problems:
            click.echo(problem, err=True)
        versions = db.session.scalar(select(func.count(Submission.id)))
        files = db.session.scalar(select(func.count(Attachment.id)))
        click.echo(
            f"Checked {versions} submitted versions and {files} attachments: "
            f"{len(problems) or 'no'} mismatch{'es' if len(problems) != 1 else ''}."
        )
        if problems:
            raise click.exceptions.Exit(1)


def altered_submissions():
    """A line for each submitted version whose content does not hash to its stored hash."""
    query = select(Submission).order_by(Submission.report_id, Submission.version_no)
    for submission in db.session.scalars(query.execution_options(yield_per=100)):
        actual = content_hash(submission.content or {})
        if actual != submission.content_hash:
            yield (
                f"ALTERED submission {submission.id} (report {submission.report_id} version "
                f"{submission.version_no}): content hashes to {actual}, stored hash "
                f"{submission.content_hash}"
            )


def damaged_attachments():
    """A line for each attachment whose stored file is missing or has other content."""
    digests: dict[str, tuple[str, int] | None] = {}  # one read per stored file
    query = select(Attachment).order_by(Attachment.id)
    for attachment in db.session.scalars(query.execution_options(yield_per=500)):
        if attachment.sha256 not in digests:
            digests[attachment.sha256] = _file_digest(attachment_path(attachment.sha256))
        found = digests[attachment.sha256]
        where = (
            f"attachment {attachment.id} (report {attachment.report_id}, "
            f"{attachment.question_key}, {attachment.filename!r})"
        )
        if found is None:
            yield f"MISSING {where}: no file {attachment_path(attachment.sha256)}"
        elif found != (attachment.sha256, attachment.size):
            yield (
                f"ALTERED {where}: the file hashes to {found[0]} ({found[1]} bytes), "
                f"expected {attachment.sha256} ({attachment.size} bytes)"
            )


def _file_digest(path) -> tuple[str, int] | None:
    try:
        digest, size = hashlib.sha256(), 0
        with open(path, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except FileNotFoundError:
        return None
    return digest.hexdigest(), size
