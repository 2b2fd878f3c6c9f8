"""The export selection a token may have: partners get the published audience.

A partner asking for drafts, other statuses, confidential answers or answers that
identify a person is refused with 403 (insufficient scope) rather than silently given
less. A filter naming a cycle, Party, article or question that does not exist is 404
(an empty file would hide a typo).
"""

from __future__ import annotations

from flask_babel import gettext as _

from ..exports import ExportFilters, FilterError, build_plan
from ..exports.plan import ExportPlan
from ..questionnaire import list_formats
from .auth import READ_ALL, insufficient, sees_everything
from .problems import abort_problem


def _personal_keys() -> set[str]:
    return {q.key for fmt in list_formats() for q in fmt.iter_questions() if q.personal}


def plan_for(args: dict) -> ExportPlan:
    everything = sees_everything()
    if not everything:
        beyond = (
            args.get("include_drafts")
            or args.get("include_confidential")
            or any(s != "accepted" for s in args.get("statuses", ()))
            or _personal_keys() & set(args.get("questions", ()))
        )
        if beyond:
            insufficient(
                READ_ALL,
                _(
                    "Drafts, unpublished statuses, confidential answers and "
                    "personal data need the scope read:all."
                ),
            )
    try:
        return build_plan(
            ExportFilters(**args, audience="secretariat" if everything else "published")
        )
    except FilterError as exc:
        abort_problem("not-found", str(exc))
