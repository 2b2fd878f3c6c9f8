"""/problems/{slug}: what each problem `type` URI means (the URIs resolve here)."""

from flask.views import MethodView
from marshmallow import Schema, fields

from ..blueprint import resource
from ..problems import PROBLEM_TYPES, abort_problem, type_uri

blp = resource("problems", __name__, "The problem types errors refer to.", "/problems")


class ProblemTypeSchema(Schema):
    type = fields.Url(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True, metadata={"description": "0: any status."})
    description = fields.String(required=True)


@blp.route("/<string(maxlength=40):slug>")
class ProblemType(MethodView):
    @blp.doc(security=[])
    @blp.etag
    @blp.response(200, ProblemTypeSchema)
    def get(self, slug):
        """Describe a problem type (no token needed)."""
        problem = PROBLEM_TYPES.get(slug)
        if problem is None:
            abort_problem("not-found")
        return {
            "type": type_uri(slug),
            "title": str(problem.title),
            "status": problem.status,
            "description": str(problem.description),
        }
