"""/cycles: reporting cycles and the format version each one uses."""

from flask.views import MethodView
from flask_babel import gettext as _
from sqlalchemy import select

from schemas.api.common import PAGED_HEADERS
from schemas.api.cycles import CycleQuery, CycleSchema

from ...extensions import db
from ...models import ReportingCycle
from ..auth import READ_PUBLISHED, require_scope
from ..blueprint import resource
from ..pagination import paginate_list
from ..problems import abort_problem

blp = resource("cycles", __name__, "Reporting cycles.", "/cycles")


def cycle_json(cycle: ReportingCycle) -> dict:
    return {
        "code": cycle.code,
        "year": cycle.year,
        "kind": cycle.kind,
        "period_start": cycle.period_start,
        "period_end": cycle.period_end,
        "due_date": cycle.due_date,
        "format": {"id": cycle.format_id, "version": cycle.format_version},
    }


@blp.route("")
class Cycles(MethodView):
    @require_scope(READ_PUBLISHED)
    @blp.etag
    @blp.arguments(CycleQuery, location="query", as_kwargs=True)
    @blp.response(200, CycleSchema(many=True), headers=PAGED_HEADERS)
    def get(self, page, page_size, kind=None):
        """List the reporting cycles, oldest first."""
        query = select(ReportingCycle).order_by(ReportingCycle.year, ReportingCycle.code)
        if kind:
            query = query.where(ReportingCycle.kind == kind)
        cycles = [cycle_json(c) for c in db.session.scalars(query)]
        return paginate_list(cycles, page, page_size)


@blp.route("/<string(maxlength=32):code>")
class CycleByCode(MethodView):
    @require_scope(READ_PUBLISHED)
    @blp.etag
    @blp.response(200, CycleSchema)
    def get(self, code):
        """One reporting cycle, by code."""
        cycle = db.session.scalars(
            select(ReportingCycle).where(ReportingCycle.code == code)
        ).first()
        if cycle is None:
            abort_problem("not-found", _("No reporting cycle %(code)s.", code=code))
        return cycle_json(cycle)
