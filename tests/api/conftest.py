"""API fixtures: clients with tokens of each scope, and reports in every state."""

from datetime import UTC

import pytest

from reporting.api.clients import create_client
from reporting.extensions import db as _db

from .factories import make_report, party


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def partner_token():
    """A partner data centre: published data only."""
    return create_client("Partner data centre", "read:published")[1]


@pytest.fixture
def secretariat_token():
    return create_client("Secretariat tools", "read:all")[1]


@pytest.fixture
def webhook_token():
    return create_client("Partner with webhooks", "read:published,webhooks:manage")[1]


@pytest.fixture
def partner(partner_token):
    return bearer(partner_token)


@pytest.fixture
def everything(secretariat_token):
    return bearer(secretariat_token)


@pytest.fixture
def reports(short_cycle, focal_point, secretariat):
    """One report per state: MEX published, KEN draft, FRA submitted, BRA returned,
    IND accepted under embargo until 2100, DEU published with a confidential answer."""
    made = {
        "published": make_report(party("MEX"), short_cycle, "accepted", focal_point, secretariat),
        "draft": make_report(party("KEN"), short_cycle, "draft", focal_point, secretariat),
        "submitted": make_report(party("FRA"), short_cycle, "submitted", focal_point, secretariat),
        "returned": make_report(party("BRA"), short_cycle, "returned", focal_point, secretariat),
        "embargoed": make_report(
            party("IND"),
            short_cycle,
            "accepted",
            focal_point,
            secretariat,
            embargo_until=_far_future(),
        ),
        "confidential": make_report(
            party("DEU"), short_cycle, "accepted", focal_point, secretariat, confidential=True
        ),
    }
    _db.session.commit()
    return made


def _far_future():
    from datetime import datetime

    return datetime(2100, 1, 1, tzinfo=UTC)
