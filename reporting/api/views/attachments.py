"""/reports/{id}/versions/{n}/attachments: the files attached to a version's answers.

A client sees the files of the answers it sees: for `read:published`, those of published
versions' answers that are neither confidential nor personal; for `read:all`, every file
of every version. Anything else is a 404, as if it did not exist.
"""

from flask import send_file, url_for
from flask.views import MethodView
from flask_babel import gettext as _

from schemas.api.reports import AttachmentSchema

from ... import audit
from ...attachments import attachment_path, attachments_by_token
from ...extensions import db
from ...models import Attachment, Report, Submission
from ...reports.versions import verified
from .. import visibility
from ..auth import READ_PUBLISHED, current_client, require_scope, sees_everything
from ..problems import abort_problem
from .reports import REPORT_ID, VERSION_NO, _report_or_404, _versions, blp

TOKEN = "<string(minlength=16, maxlength=64):token>"
FILE = {"type": "string", "format": "binary"}


def _version_or_404(report: Report, version_no: int, everything: bool) -> Submission:
    versions, _published = _versions(report, everything)
    found = next((v for v in versions if v.version_no == version_no), None)
    if found is None:
        abort_problem(
            "not-found", _("No version %(n)s of report %(id)s.", n=version_no, id=report.id)
        )
    verified(found)  # an altered snapshot is refused (409), never served as submitted
    return found


def visible_attachments(report: Report, version: Submission, everything: bool) -> list[Attachment]:
    """The files named by the version's answers that this audience sees (answers of the
    file kind hold the file's token; a token is unique, so it names one file only)."""
    answers = visibility.version_answers(report, version, everything)
    named = {a["value"]: key for key, a in answers.items() if isinstance(a.get("value"), str)}
    found = attachments_by_token(report, list(named))
    return sorted(
        (a for token, a in found.items() if named[token] == a.question_key),
        key=lambda a: (a.question_key, a.id),
    )


def attachment_json(attachment: Attachment, version_no: int) -> dict:
    return {
        "token": attachment.token,
        "question_key": attachment.question_key,
        "filename": attachment.filename,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "url": url_for(
            "api_reports.VersionAttachment",
            report_id=attachment.report_id,
            version=version_no,
            token=attachment.token,
            _external=True,
        ),
    }


@blp.route(f"/{REPORT_ID}/versions/{VERSION_NO}/attachments")
class VersionAttachments(MethodView):
    @require_scope(READ_PUBLISHED)
    @blp.etag
    @blp.response(200, AttachmentSchema(many=True))
    def get(self, report_id, version):
        """The files attached to the version's answers (for read:published: of published
        versions, not confidential, not personal)."""
        everything = sees_everything()
        report = _report_or_404(report_id)
        found = _version_or_404(report, version, everything)
        return [attachment_json(a, version) for a in visible_attachments(report, found, everything)]


@blp.route(f"/{REPORT_ID}/versions/{VERSION_NO}/attachments/{TOKEN}")
class VersionAttachment(MethodView):
    @require_scope(READ_PUBLISHED)
    @blp.response(
        200,
        FILE,
        content_type="application/octet-stream",
        description="The file's bytes; its name is in Content-Disposition and its "
        "media type in the listing.",
    )
    def get(self, report_id, version, token):
        """Download one file of the version (the same visibility as the listing)."""
        everything = sees_everything()
        report = _report_or_404(report_id)
        found = _version_or_404(report, version, everything)
        attachment = next(
            (a for a in visible_attachments(report, found, everything) if a.token == token), None
        )
        path = attachment_path(attachment.sha256) if attachment else None
        if attachment is None or not path.exists():
            abort_problem(
                "not-found",
                _("No such file in version %(n)s of report %(id)s.", n=version, id=report_id),
            )
        audit.record(
            "download.attachment",
            None,
            report,
            token=attachment.token,
            client=getattr(current_client(), "name", None),
            version=version,
        )
        db.session.commit()
        response = send_file(
            path,
            mimetype="application/octet-stream",
            as_attachment=True,
            download_name=attachment.filename,
            max_age=0,
        )
        response.headers["Cache-Control"] = "private, no-store"
        return response
