"""/changes: the change feed for incremental sync, with a cursor that never skips."""

from flask import url_for
from flask.views import MethodView
from flask_babel import gettext as _

from schemas.api.changes import ChangePageSchema, ChangeQuery

from ...extensions import db
from .. import feed
from ..auth import READ_PUBLISHED, require_scope, sees_everything
from ..blueprint import resource
from ..problems import abort_problem

blp = resource("changes", __name__, "The change feed, for incremental sync.", "/changes")

NEXT_LINK = {
    "Link": {"description": 'rel="next": the next page of the feed.', "schema": {"type": "string"}}
}


@blp.route("")
class Changes(MethodView):
    @require_scope(READ_PUBLISHED)
    @blp.etag
    @blp.arguments(ChangeQuery, location="query", as_kwargs=True)
    @blp.response(200, ChangePageSchema, headers=NEXT_LINK)
    def get(self, after, limit):
        """Changes after a cursor, oldest first.

        Start with `after=0` (or omit it), process the items, then ask again with
        `after=next_cursor` (immediately while `has_more`, later otherwise). Each change
        appears exactly once, in order; a report published when its embargo ends appears
        then, after the cursor. Partners see publications, revisions and withdrawals;
        read:all tokens also submissions, returns and acceptances.
        """
        if feed.release_due(db.session):
            db.session.commit()  # embargoes that ended take their place in the feed now
        if after > feed.last_cursor(db.session):
            abort_problem("cursor-ahead", _("No change has the cursor %(n)s yet.", n=after))
        page = feed.read_feed(db.session, after, limit, sees_everything())
        headers = {}
        if page.has_more:
            headers["Link"] = '<{}>; rel="next"'.format(
                url_for("api_changes.Changes", after=page.next_cursor, limit=limit, _external=True)
            )
        return {
            "items": page.items,
            "next_cursor": page.next_cursor,
            "has_more": page.has_more,
        }, headers
