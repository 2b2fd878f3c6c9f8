"""Fixtures for the focal points' pages: logged-in clients, reports, and a cycle on the
tiny test format (every answer kind) so pages can be exercised kind by kind."""

from __future__ import annotations

import pytest

from reporting.extensions import db as _db
from reporting.models import Report
from reporting.reports import workflow

from .helpers import login


@pytest.fixture
def report_a(request_ctx, party_a, short_cycle, focal_point):
    """Party A's short report (a draft, started by its focal point)."""
    report = workflow.start_report(party_a, short_cycle, focal_point, carry_over=False)
    _db.session.commit()
    return report


@pytest.fixture
def fp_client(client, focal_point):
    login(client, focal_point)
    return client


@pytest.fixture
def tiny_report(request_ctx, tiny_cycle, party_a, focal_point) -> Report:
    report = workflow.start_report(party_a, tiny_cycle, focal_point, carry_over=False)
    _db.session.commit()
    return report
