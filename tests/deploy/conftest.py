"""The deployment tests need no app in the test process: the run test starts the services'
own processes on a database of their own, so the suite's database is not built here."""

import pytest


@pytest.fixture(autouse=True)
def db():
    """Replaces the suite's per-test transaction (tests/conftest.py) for this folder."""
    yield None
