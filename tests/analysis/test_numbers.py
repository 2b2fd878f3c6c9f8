"""Sums, medians and ranges of quantities, computed in the database."""

import pytest

from reporting.analysis import numeric_summary
from reporting.analysis.sql import dialect_name
from reporting.exports import ExportFilters
from tests.exports.factories import make_report


def _quantity(value):
    return {"art3.exports": {"value": "yes"}, "art3.exports.total_quantity": {"value": value}}


@pytest.fixture
def exporters(full_cycle, reviewer):
    """Five Parties reporting exports of 0, 10, 20, 35 and 100 t (two in Africa)."""
    for iso3, value in (("MEX", "0"), ("KEN", "10"), ("NGA", "20"), ("FRA", "35"), ("CHN", "100")):
        make_report(
            iso3,
            full_cycle,
            "submitted",
            seed=len(iso3 + value),
            overrides=_quantity(value),
            reviewer=reviewer,
        )


def _summary(region=None, column=None, key="art3.exports.total_quantity", **filters):
    rows = numeric_summary(ExportFilters(questions=[key], cycles=["2025-full"], **filters))
    return next(r for r in rows if r["region"] == region and r["column_key"] == column)


def test_sum_median_and_range_over_parties(exporters):
    row = _summary()
    assert (row["parties"], row["sum"], row["min"], row["max"]) == (5, 165.0, 0.0, 100.0)
    assert row["median"] == 20.0 and row["unit"] == "t"


def test_median_of_an_even_number_of_parties_is_the_mean_of_the_middle_two(exporters):
    row = _summary(parties=["MEX", "KEN", "NGA", "FRA"])
    assert row["median"] == pytest.approx(15.0) and row["parties"] == 4


def test_per_regional_group(exporters):
    africa = _summary("africa")
    assert (africa["parties"], africa["sum"], africa["median"]) == (2, 30.0, 15.0)
    empty = _summary("eastern_europe")
    assert (empty["parties"], empty["sum"], empty["median"]) == (0, None, None)


def test_a_reported_zero_counts_and_a_state_does_not(full_cycle, reviewer):
    make_report("MEX", full_cycle, "submitted", overrides=_quantity("0"), reviewer=reviewer)
    make_report(
        "KEN",
        full_cycle,
        "submitted",
        reviewer=reviewer,
        overrides={
            "art3.exports": {"value": "yes"},
            "art3.exports.total_quantity": {"state": "none"},
        },
    )
    row = _summary()
    assert (row["parties"], row["sum"], row["min"], row["median"]) == (1, 0.0, 0.0, 0.0)


def test_table_columns_are_summed_per_party_first(reports):
    row = _summary(key="art3.exports.list", column="quantity", parties=["MEX"])
    assert (row["parties"], row["sum"], row["min"], row["max"]) == (1, 3.75, 3.75, 3.75)
    keys = {
        (r["question_key"], r["column_key"])
        for r in numeric_summary(
            ExportFilters(questions=["art3.exports.list", "art7.significant.estimates"])
        )
    }
    assert keys == {
        ("art3.exports.list", "quantity"),
        ("art7.significant.estimates", "mercury_use"),
        ("art7.significant.estimates", "gold_production"),
        ("art7.significant.estimates", "miners"),
    }  # not the year column


def test_confidential_numbers_are_left_out_unless_included(reports):
    assert _summary()["parties"] == 1  # MEX's 0; CHN's 12.5 is confidential
    shown = _summary(include_confidential=True)
    assert (shown["parties"], shown["sum"], shown["max"]) == (2, 12.5, 12.5)


def test_the_median_uses_the_databases_own_function_where_there_is_one(app, db):
    from sqlalchemy import literal, select, union_all

    from reporting.analysis.sql import medians
    from reporting.extensions import db as database

    values = union_all(
        *(select(literal("g").label("g"), literal(v).label("x")) for v in (3, 1, 4, 1, 5, 9))
    ).subquery()
    query = medians(values, ["g"])
    sql = str(query.compile(database.session.get_bind()))
    assert ("percentile_cont" in sql) == (dialect_name() == "postgresql")
    assert database.session.execute(query).one()[1] == pytest.approx(3.5)
