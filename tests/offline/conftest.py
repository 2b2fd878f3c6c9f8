"""Fixtures for the offline workbook: a report of the tiny format (every answer kind)."""

from __future__ import annotations

import pytest

from reporting.extensions import db as _db
from reporting.models import Report
from reporting.reports import workflow
from tests.web.helpers import login


@pytest.fixture
def tiny_report(request_ctx, tiny_cycle, party_a, focal_point) -> Report:
    report = workflow.start_report(party_a, tiny_cycle, focal_point, carry_over=False)
    _db.session.commit()
    return report


@pytest.fixture
def fp_client(client, focal_point):
    login(client, focal_point)
    return client
