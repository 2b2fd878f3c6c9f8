"""/reports: national reports, their answers by question key, and their versions.

Partners (`read:published`) see published reports only, and of each the accepted version
without confidential answers or personal data; `read:all` clients see everything.
"""

from flask.views import MethodView
from flask_babel import gettext as _

from schemas.api.common import PAGED_HEADERS
from schemas.api.reports import (
    ReportDetailSchema,
    ReportQuery,
    ReportSchema,
    VersionDetailSchema,
    VersionSchema,
)

from ...models import Report, ReportStatus
from ...reports.versions import submission_of, submissions_of, verified
from .. import visibility
from ..auth import READ_ALL, READ_PUBLISHED, insufficient, require_scope, sees_everything
from ..blueprint import resource
from ..pagination import paginate
from ..problems import abort_problem

blp = resource("reports", __name__, "National reports and their answers.", "/reports")

REPORT_ID = "<int(min=1, max=2147483647):report_id>"
VERSION_NO = "<int(min=1, max=1000000):version>"


def report_json(report: Report, everything: bool) -> dict:
    return {
        "id": report.id,
        "party": {
            "iso3": report.party.iso3,
            "name": report.party.name,
            "regional_group": report.party.regional_group.value,
        },
        "cycle": report.cycle.code,
        "kind": report.cycle.kind,
        "status": report.status.value,
        "language": report.language,
        "version": visibility.shown_version_no(report),
        "submitted_at": report.submitted_at,
        "accepted_at": report.accepted_at,
        "published_at": report.publish_after if report.status == ReportStatus.accepted else None,
        "updated_at": report.updated_at if everything else report.publish_after,
    }


def _report_or_404(report_id: int) -> Report:
    report = visibility.visible_report(report_id, sees_everything())
    if report is None:
        abort_problem("not-found", _("No report %(id)s.", id=report_id))
    return report


@blp.route("")
class Reports(MethodView):
    @require_scope(READ_PUBLISHED)
    @blp.etag
    @blp.arguments(ReportQuery, location="query", as_kwargs=True)
    @blp.response(200, ReportSchema(many=True), headers=PAGED_HEADERS)
    def get(self, page, page_size, status=(), **filters):
        """List reports (by id), filtered by cycle, Party, region, status or update time."""
        everything = sees_everything()
        if not everything and any(s != ReportStatus.accepted.value for s in status):
            insufficient(
                READ_ALL, _("Only accepted, published reports are available to this token.")
            )
        query = visibility.reports_query(
            everything, visibility.ReportFilters(statuses=tuple(status), **filters)
        )
        reports, headers = paginate(query, page, page_size)
        return [report_json(r, everything) for r in reports], headers


@blp.route(f"/{REPORT_ID}")
class ReportById(MethodView):
    @require_scope(READ_PUBLISHED)
    @blp.etag
    @blp.response(200, ReportDetailSchema)
    def get(self, report_id):
        """One report with its answers, typed, by question key."""
        everything = sees_everything()
        report = _report_or_404(report_id)
        version_no = visibility.shown_version_no(report)
        version = submission_of(report, version_no) if version_no else None
        return {
            **report_json(report, everything),
            "format": {"id": report.cycle.format_id, "version": report.cycle.format_version},
            "answers": visibility.version_answers(report, version, everything),
        }


def version_json(version, published: set[int]) -> dict:
    return {
        "version": version.version_no,
        "submitted_at": version.submitted_at,
        "language": version.language,
        "format": {"id": version.format_id, "version": version.format_version},
        "content_hash": version.content_hash,
        "published": version.version_no in published,
    }


def _versions(report: Report, everything: bool):
    published = visibility.published_versions(report)
    versions = submissions_of(report)
    if not everything:
        versions = [v for v in versions if v.version_no in published]
    return versions, published


@blp.route(f"/{REPORT_ID}/versions")
class ReportVersions(MethodView):
    @require_scope(READ_PUBLISHED)
    @blp.etag
    @blp.response(200, VersionSchema(many=True))
    def get(self, report_id):
        """The report's submitted versions (for read:published: the published ones)."""
        report = _report_or_404(report_id)
        versions, published = _versions(report, sees_everything())
        return [version_json(v, published) for v in versions]


@blp.route(f"/{REPORT_ID}/versions/{VERSION_NO}")
class ReportVersion(MethodView):
    @require_scope(READ_PUBLISHED)
    @blp.etag
    @blp.response(200, VersionDetailSchema)
    def get(self, report_id, version):
        """One submitted version with its answers, as submitted."""
        everything = sees_everything()
        report = _report_or_404(report_id)
        versions, published = _versions(report, everything)
        found = next((v for v in versions if v.version_no == version), None)
        if found is None:
            abort_problem(
                "not-found", _("No version %(n)s of report %(id)s.", n=version, id=report_id)
            )
        verified(found)  # an altered snapshot is refused (409), never served as submitted
        return {
            **version_json(found, published),
            "answers": visibility.version_answers(report, found, everything),
        }
