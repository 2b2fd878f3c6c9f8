"""The API's resources, one blueprint each (all under /api/v1/)."""
from . import changes, cycles, formats, parties, problems, reports, webhooks

BLUEPRINTS = [m.blp for m in (parties, cycles, formats, reports, changes, webhooks, problems)]
