"""/parties: the Parties to the Convention (reference data; no users or contacts)."""

from flask.views import MethodView
from flask_babel import gettext as _
from sqlalchemy import select

from schemas.api.common import PAGED_HEADERS
from schemas.api.parties import PartyQuery, PartySchema

from ...extensions import db
from ...models import Party
from ..auth import READ_PUBLISHED, require_scope
from ..blueprint import resource
from ..pagination import paginate
from ..problems import abort_problem

blp = resource("parties", __name__, "Parties to the Convention.", "/parties")


@blp.route("")
class Parties(MethodView):
    @require_scope(READ_PUBLISHED)
    @blp.etag
    @blp.arguments(PartyQuery, location="query", as_kwargs=True)
    @blp.response(200, PartySchema(many=True), headers=PAGED_HEADERS)
    def get(self, page, page_size, region=None):
        """List the Parties, by ISO3 code."""
        query = select(Party).order_by(Party.iso3)
        if region:
            query = query.where(Party.regional_group == region)
        return paginate(query, page, page_size)


@blp.route("/<string(length=3):iso3>")
class PartyById(MethodView):
    @require_scope(READ_PUBLISHED)
    @blp.etag
    @blp.response(200, PartySchema)
    def get(self, iso3):
        """One Party, by ISO3 code."""
        party = db.session.scalars(select(Party).where(Party.iso3 == iso3.upper())).first()
        if party is None:
            abort_problem("not-found", _("No Party %(code)s.", code=iso3))
        return party
