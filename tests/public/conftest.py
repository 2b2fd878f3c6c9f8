"""A world of reports in every state of publication, for the public dashboard's tests.

In the full cycle (2025-full):
- MEX accepted, published; CHN accepted, published, with a confidential quantity;
- KEN accepted but under embargo for a month; BRA accepted with an embargo that ended;
- FRA submitted (not accepted), DEU returned, JOR draft: none of them is published.
In the short cycle (2023-short): MEX accepted (so its answers can be compared across
cycles) and IND submitted.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from reporting.models.types import utcnow
from reporting.reports import workflow
from tests.exports.factories import make_report

MEX = {
    "art3.exports": {"value": "yes"},
    "art3.exports.total_quantity": {"value": "4.5"},
    "art4.dental": {"value": "yes"},
}
CHN = {
    "art3.exports": {"value": "yes"},
    "art3.exports.total_quantity": {"value": "12.5", "confidential": True},
    "art4.dental": {"value": "no"},
}
KEN = {"art3.exports": {"value": "no"}, "art4.dental": {"value": "yes"}}
BRA = {"art3.exports": {"value": "yes"}, "art3.exports.total_quantity": {"value": "2"}}
UNPUBLISHED = {"art3.exports": {"value": "yes"}, "art3.exports.total_quantity": {"value": "777"}}


def _embargo(report, until):
    report.publish_after = until


@pytest.fixture
def world(db, full_cycle, short_cycle, reviewer):
    """The reports described in the module docstring, by "ISO3 cycle-kind"."""
    now = utcnow()
    out = {
        "MEX full": make_report(
            "MEX", full_cycle, "accepted", seed=1, overrides=MEX, reviewer=reviewer
        ),
        "CHN full": make_report(
            "CHN", full_cycle, "accepted", seed=2, overrides=CHN, reviewer=reviewer
        ),
        "KEN full": make_report(
            "KEN", full_cycle, "submitted", seed=3, overrides=KEN, reviewer=reviewer
        ),
        "BRA full": make_report(
            "BRA", full_cycle, "submitted", seed=4, overrides=BRA, reviewer=reviewer
        ),
        "FRA full": make_report(
            "FRA", full_cycle, "submitted", seed=5, overrides=UNPUBLISHED, reviewer=reviewer
        ),
        "DEU full": make_report(
            "DEU", full_cycle, "returned", seed=6, overrides=UNPUBLISHED, reviewer=reviewer
        ),
        "JOR full": make_report(
            "JOR", full_cycle, "draft", seed=7, overrides=UNPUBLISHED, reviewer=reviewer
        ),
        "MEX short": make_report("MEX", short_cycle, "accepted", seed=8, reviewer=reviewer),
        "IND short": make_report("IND", short_cycle, "submitted", seed=9, reviewer=reviewer),
    }
    workflow.accept(out["KEN full"], reviewer, embargo_until=now + timedelta(days=30))
    workflow.accept(out["BRA full"], reviewer)
    _embargo(out["BRA full"], now - timedelta(days=1))  # an embargo that has ended
    db.session.flush()
    return out


def get(client, url, **kwargs):
    """A public page (asserting it answered 200)."""
    response = client.get(url, **kwargs)
    assert response.status_code == 200, (url, response.status_code, response.data[:500])
    return response
