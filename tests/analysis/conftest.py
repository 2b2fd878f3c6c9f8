"""The analysis tests use the export tests' reports (the recount compares the two)."""

from tests.exports.conftest import reports  # noqa: F401  (fixtures)
