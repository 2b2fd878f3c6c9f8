"""The secretariat's workspace: follow a reporting cycle, review reports, remind Parties,
manage users, and analyse the answers in charts.

Domain modules: `dashboard` (cycle status, counts), `review` (reading versions, audit
trail), `reminders`, `users`, `charts` (SVG), `downloads` (CSV). Views in `views/`,
blueprint `secretariat` under /secretariat, open to the secretariat and admins only.
"""

from .views import bp

__all__ = ["bp"]
