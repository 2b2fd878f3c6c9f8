"""Fixtures of the observability tests: a scrape token, and reading a metric's value."""

from __future__ import annotations

import pytest
from prometheus_client import REGISTRY

TOKEN = "scrape-token-for-tests"


@pytest.fixture
def metrics_token(app, monkeypatch):
    monkeypatch.setitem(app.config, "ORT_METRICS_TOKEN", TOKEN)
    return TOKEN


def sample(name: str, **labels) -> float:
    """The value of a sample of this process's registry (0 when it has none yet)."""
    return REGISTRY.get_sample_value(name, labels) or 0.0
