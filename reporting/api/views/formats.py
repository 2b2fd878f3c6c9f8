"""/formats: the reporting formats, the whole questionnaire with texts in six languages."""

from collections import defaultdict

from flask.views import MethodView
from flask_babel import gettext as _
from sqlalchemy import select

from schemas.api.common import PAGED_HEADERS, LanguageQuery, PageQuery
from schemas.api.formats import FormatInUse, FormatQuery, FormatSchema, FormatSummarySchema

from ...extensions import db
from ...models import ReportingCycle
from ...questionnaire import get_format, list_formats
from ..auth import READ_PUBLISHED, require_scope
from ..blueprint import resource
from ..language import api_language
from ..pagination import paginate_list
from ..problems import abort_problem

blp = resource("formats", __name__, "Reporting formats (questionnaires).", "/formats")

LANGUAGE_HEADER = [
    {
        "name": "Accept-Language",
        "in": "header",
        "required": False,
        "schema": {"type": "string"},
        "description": "Language of texts when `lang` is not given.",
    }
]


def _cycles_by_format() -> dict[tuple[str, str], list[str]]:
    cycles = defaultdict(list)
    for code, format_id, version in db.session.execute(
        select(
            ReportingCycle.code, ReportingCycle.format_id, ReportingCycle.format_version
        ).order_by(ReportingCycle.year)
    ):
        cycles[(format_id, version)].append(code)
    return cycles


class FormatListQuery(PageQuery, LanguageQuery):
    pass


@blp.route("")
class Formats(MethodView):
    @require_scope(READ_PUBLISHED)
    @blp.etag
    @blp.arguments(FormatListQuery, location="query", as_kwargs=True)
    @blp.response(200, FormatSummarySchema(many=True), headers=PAGED_HEADERS)
    @blp.doc(parameters=LANGUAGE_HEADER)
    def get(self, page, page_size, lang=None):
        """List the format versions and the cycles that use each."""
        cycles = _cycles_by_format()
        language = lang or api_language()
        items = [
            FormatInUse(f, cycles.get((f.id, f.version), []), language)
            for f in sorted(list_formats(), key=lambda f: (f.id, f.version))
        ]
        return paginate_list(items, page, page_size)


@blp.route("/<string(maxlength=40):format_id>/<string(maxlength=20):version>")
class FormatVersion(MethodView):
    @require_scope(READ_PUBLISHED)
    @blp.etag
    @blp.arguments(FormatQuery, location="query", as_kwargs=True)
    @blp.response(200, FormatSchema)
    @blp.doc(parameters=LANGUAGE_HEADER)
    def get(self, format_id, version, lang=None):
        """A format version: parts, sections, questions (keys, kinds, choices, logic)."""
        try:
            fmt = get_format(format_id, version)
        except LookupError:
            abort_problem(
                "not-found", _("No format %(id)s %(version)s.", id=format_id, version=version)
            )
        language = lang or api_language()
        return FormatInUse(fmt, _cycles_by_format().get((fmt.id, fmt.version), []), language)
