"""The aggregates are the numbers a recount of the long export gives.

The long CSV is parsed back with the csv module and recounted in Python; every count
per option and every sum, median and range per quantity must equal what the database
computed, for every question, cycle and regional group (and overall).
"""

import csv
import io
import statistics
from collections import Counter, defaultdict
from decimal import Decimal

import pytest

from reporting.analysis import numeric_summary, option_counts
from reporting.exports import ExportFilters, export_stream
from tests.exports.factories import make_report

SINGLE = ("yes_no", "yes_no_na", "single_choice")
QUANTITIES = ("integer", "decimal")


@pytest.fixture
def many_reports(reports, full_cycle, short_cycle, reviewer):
    for iso3, seed in (("BRA", 21), ("DEU", 22), ("IND", 23), ("POL", 24), ("NGA", 25)):
        make_report(iso3, full_cycle, "submitted", seed=seed, reviewer=reviewer)
    for iso3, seed, status in (
        ("MEX", 31, "accepted"),
        ("KEN", 32, "submitted"),
        ("BRA", 33, "draft"),
        ("POL", 34, "submitted"),
    ):
        make_report(iso3, short_cycle, status, seed=seed, reviewer=reviewer)


def _long_rows(filters):
    data = b"".join(export_stream("long", "csv", filters).chunks).decode("utf-8")
    return list(csv.DictReader(io.StringIO(data, newline="")))


def _recount(rows):
    """(key, cycle, region) -> Counter of options (None: Parties that answered)."""
    answers = defaultdict(list)
    for row in rows:
        answers[(row["question_key"], row["cycle_code"], row["party_iso3"])].append(row)
    counts = defaultdict(Counter)
    for (key, cycle, _party), found in answers.items():
        first = found[0]
        for region in (None, first["regional_group"]):
            tally = counts[(key, cycle, region)]
            tally[None] += 1
            if first["state"] != "value":
                tally[first["state"]] += 1
            elif first["kind"] in SINGLE or first["kind"] == "multiple_choice":
                for row in found:
                    tally[row["value_code"]] += 1
            else:
                tally["value"] += 1
    return counts


def _renumber(rows):
    """(key, column, cycle, region) -> the per-Party numbers (table columns summed)."""
    per_party = defaultdict(Decimal)
    for row in rows:
        kind = row["column_kind"] or row["kind"]
        if kind in QUANTITIES and row["value_number"]:
            column = row["column_key"] or None
            per_party[
                (
                    row["question_key"],
                    column,
                    row["cycle_code"],
                    row["regional_group"],
                    row["party_iso3"],
                )
            ] += Decimal(row["value_number"])
    numbers = defaultdict(list)
    for (key, column, cycle, region, _party), value in per_party.items():
        numbers[(key, column, cycle, None)].append(value)
        numbers[(key, column, cycle, region)].append(value)
    return numbers


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"include_confidential": True, "include_drafts": True},
        {"audience": "published"},
        {"regions": ["africa", "latin_america_caribbean"], "articles": ["3", "4", "8"]},
    ],
)
def test_option_counts_equal_a_recount_of_the_long_export(many_reports, options):
    filters = ExportFilters(**options)
    recount = _recount(_long_rows(filters))
    compared = 0
    for row in option_counts(filters):
        tally = recount.get((row["question_key"], row["cycle_code"], row["region"]), Counter())
        assert row["answered"] == tally[None], row
        for option in row["options"]:
            assert option["count"] == tally[option["code"]], (row["question_key"], option)
        listed = {o["code"] for o in row["options"]}
        assert set(tally) - {None} <= listed, row["question_key"]
        compared += bool(tally)
    assert compared > 100


@pytest.mark.parametrize("options", [{}, {"include_confidential": True, "include_drafts": True}])
def test_numeric_summaries_equal_a_recount_of_the_long_export(many_reports, options):
    filters = ExportFilters(**options)
    numbers = _renumber(_long_rows(filters))
    compared = 0
    for row in numeric_summary(filters):
        values = numbers.get(
            (row["question_key"], row["column_key"], row["cycle_code"], row["region"]), []
        )
        assert row["parties"] == len(values), row
        if values:
            compared += 1
            assert row["sum"] == pytest.approx(float(sum(values)))
            assert row["min"] == pytest.approx(float(min(values)))
            assert row["max"] == pytest.approx(float(max(values)))
            assert row["median"] == pytest.approx(float(statistics.median(values)))
    assert compared > 30
