"""Fixtures for the focal points' pages: logged-in clients, reports, and a cycle on the
tiny test format (every answer kind) so pages can be exercised kind by kind."""
from __future__ import annotations

from datetime import date

import pytest

from reporting.extensions import db as _db
from reporting.models import Report, ReportingCycle
from reporting.questionnaire import registry
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
def tiny_cycle(tiny_format, monkeypatch):
    """A cycle whose reports use the tiny format (every answer kind, a condition, a table)."""
    shipped = dict(registry._shipped())
    shipped[(tiny_format.id, tiny_format.version)] = tiny_format
    monkeypatch.setattr(registry, "_shipped", lambda: shipped)
    cycle = ReportingCycle(code="2099-tiny", convention="minamata", year=2099, kind="full",
                           period_start=date(2097, 1, 1), period_end=date(2098, 12, 31),
                           due_date=date(2099, 12, 31), format_id=tiny_format.id,
                           format_version=tiny_format.version)
    _db.session.add(cycle)
    _db.session.flush()
    return cycle


@pytest.fixture
def tiny_report(request_ctx, tiny_cycle, party_a, focal_point) -> Report:
    report = workflow.start_report(party_a, tiny_cycle, focal_point, carry_over=False)
    _db.session.commit()
    return report
