"""The API's resources, one blueprint each (all under /api/v1/)."""

from . import (
    aggregates,
    attachments,  # noqa: F401  (routes on the reports blueprint)
    changes,
    cycles,
    exports,
    formats,
    parties,
    problems,
    reports,
    webhooks,
)

BLUEPRINTS = [
    m.blp
    for m in (parties, cycles, formats, reports, changes, exports, aggregates, webhooks, problems)
]
