"""Time series across cycles for question keys asked in several cycles."""

import pytest

from reporting.analysis import option_counts, time_series
from reporting.exports import ExportFilters, FilterError
from tests.exports.factories import make_report


@pytest.fixture
def two_cycles(reports, short_cycle, reviewer):
    make_report(
        "MEX",
        short_cycle,
        "accepted",
        seed=7,
        reviewer=reviewer,
        overrides={"art3.exports": {"value": "no"}},
    )
    make_report(
        "KEN",
        short_cycle,
        "submitted",
        seed=8,
        reviewer=reviewer,
        overrides={"art3.exports": {"value": "no"}},
    )


def test_a_point_per_cycle_for_keys_asked_in_several_cycles(two_cycles):
    filters = ExportFilters(cycles=["2023-short", "2025-full"], articles=["3", "4"])
    series = {s["question_key"]: s for s in time_series(filters)}
    assert "art3.exports" in series and "art4.dental" not in series  # asked in full reports only
    points = series["art3.exports"]["points"]
    assert [p["cycle_code"] for p in points] == ["2023-short", "2025-full"]
    counts = [{o["code"]: o["count"] for o in p["options"]} for p in points]
    assert (counts[0]["no"], counts[1]["yes"], counts[1]["no"]) == (2, 2, 1)
    same = next(
        r
        for r in option_counts(filters)
        if r["question_key"] == "art3.exports"
        and r["cycle_code"] == "2025-full"
        and r["region"] is None
    )
    assert points[1]["options"] == same["options"] and points[1]["asked"] == same["asked"]


def test_quantities_have_their_numbers_per_cycle(two_cycles):
    series = {
        s["question_key"]: s
        for s in time_series(
            ExportFilters(cycles=["2023-short", "2025-full"], questions=["art3.exports.list"])
        )
    }
    numbers = [p["numbers"] for p in series["art3.exports.list"]["points"]]
    assert all(n[0]["column_key"] == "quantity" for n in numbers)
    assert numbers[1][0]["parties"] == 2  # MEX and CHN exported in 2025


def test_a_series_for_one_region(two_cycles):
    series = {
        s["question_key"]: s
        for s in time_series(
            ExportFilters(cycles=["2023-short", "2025-full"], questions=["art3.exports"]), "africa"
        )
    }
    assert [p["reporting"] for p in series["art3.exports"]["points"]] == [1, 1]
    with pytest.raises(FilterError):
        time_series(ExportFilters(regions=["africa"]), "asia_pacific")


def test_no_series_from_a_single_cycle(two_cycles):
    assert time_series(ExportFilters(cycles=["2025-full"])) == []
