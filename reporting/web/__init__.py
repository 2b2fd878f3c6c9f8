"""The focal points' web interface: log in, fill in, check, submit and compare reports.

Blueprints: `auth` (log in and out, password links), `home` (notifications, open queries
and the Party's reports by cycle), `reports` (a report's overview, its pages, review,
submission, receipt, versions and differences, attachments), `contributors` (the focal
point's team and the handover of the focal-point role), `assignments` (the work shared
across the team: who does which article or question, "my questions") and
`notifications` (marking them read). What every page shares is set up
on the application by `create_app`: `ui.register` (template globals, security headers),
`errors.register` (error pages), `limits.init_limits` (password guessing).

Views stay thin: forms are built in `forms/`, the work is done in `editing`, `progress`,
`review`, `present`, `replay` and the domain packages (`reporting.reports`,
`reporting.auth`, `reporting.attachments`). `blueprint` and `report_blueprint` are the
floor the blueprints' modules share; no module imports another in a cycle
(tests/web/test_import_graph.py).
"""

from . import (  # noqa: F401  (their routes are on the reports blueprint)
    offline,
    offline_upload,
    presence,
    reports,
    submission,
)
from .assignments import bp as assignments_bp
from .contributors import bp as contributors_bp
from .home import bp as home_bp
from .login import bp as auth_bp
from .notifications import bp as notifications_bp
from .report_blueprint import bp as reports_bp

BLUEPRINTS = (auth_bp, home_bp, reports_bp, contributors_bp, assignments_bp, notifications_bp)

__all__ = ["BLUEPRINTS"]
