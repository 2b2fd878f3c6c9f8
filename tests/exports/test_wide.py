"""The wide format: one row per Party x cycle, one column (or a few) per question key."""

from decimal import Decimal

from reporting.exports import ExportFilters, build_plan, iter_wide_rows, wide_fields
from reporting.exports.wide import iter_table_rows, table_fields
from reporting.reports import workflow


def _row(iso3, **filters):
    return next(r for r in iter_wide_rows(ExportFilters(**filters)) if r["party_iso3"] == iso3)


def test_one_row_per_party_and_cycle_with_unique_columns(reports):
    rows = list(iter_wide_rows(ExportFilters()))
    assert sorted((r["party_iso3"], r["cycle_code"]) for r in rows) == [
        ("CHN", "2025-full"),
        ("KEN", "2025-full"),
        ("MEX", "2025-full"),
    ]
    names = [f.name for f in wide_fields(ExportFilters())]
    assert len(names) == len(set(names))
    assert all(set(row) <= set(names) for row in rows)


def test_single_values_states_and_zero(reports):
    mex, ken = _row("MEX"), _row("KEN")
    assert mex["art3.exports"] == "yes" and mex["art3.exports:state"] == "value"
    assert mex["art3.exports.total_quantity"] == 0
    assert ken["art3.chlor_alkali:state"] == "not_available" and "art3.chlor_alkali" not in ken
    assert "art3.exports.total_quantity" not in ken  # hidden: not asked, not exported
    assert mex["party.period_start"].isoformat() == "2021-01-01"
    assert "party.period_start:state" not in [f.name for f in wide_fields(ExportFilters())]


def test_multiple_choice_gives_one_indicator_per_option(reports):
    mex, ken = _row("MEX"), _row("KEN")
    assert (
        mex["art4.dental.measures:i"],
        mex["art4.dental.measures:ii"],
        mex["art4.dental.measures:iii"],
    ) == (1, 0, 1)
    assert "art13.support.channels:gef" in [f.name for f in wide_fields(ExportFilters())]
    assert "art13.support.channels:gef" not in ken  # not asked: empty, not 0
    # The dental amalgam measures are asked whatever the question before says (2023.1):
    # KEN answered that it took none.
    assert ken["art4.dental.measures:state"] == "none" and "art4.dental.measures:i" not in ken


def test_tables_give_their_row_count_and_column_sums(reports):
    mex = _row("MEX")
    assert mex["art3.exports.list:rows"] == 2
    assert mex["art3.exports.list:quantity:sum"] == Decimal("3.75")
    names = [f.name for f in wide_fields(ExportFilters())]
    assert "art3.exports.list:country:sum" not in names  # only quantities are summed
    assert "art7.significant.estimates:year:sum" not in names  # a year is no quantity


def test_confidential_answers_are_named_when_included(reports):
    assert _row("CHN")["confidential_keys"] is None
    assert "art3.exports.total_quantity" not in _row("CHN")
    chn = _row("CHN", include_confidential=True)
    assert chn["confidential_keys"] == "art3.exports.total_quantity"
    assert chn["art3.exports.total_quantity"] == Decimal("12.5")


def test_a_report_without_exported_answers_still_has_its_row(reports):
    rows = list(
        iter_wide_rows(ExportFilters(questions=["art3.exports.total_quantity"], parties=["KEN"]))
    )
    assert [(r["party_iso3"], r["status"]) for r in rows] == [("KEN", "submitted")]


def test_a_table_sheet_has_one_row_per_table_row(reports):
    plan = build_plan(ExportFilters(parties=["MEX"]))
    rows = list(iter_table_rows(plan, "art3.exports.list"))
    names = [f.name for f in table_fields(plan, "art3.exports.list")]
    assert [r["table_row"] for r in rows] == [1, 2]
    first = rows[0]
    assert set(first) <= set(names)
    assert (first["country"], first["country:label"]) == ("DEU", "Germany")
    assert first["quantity"] == Decimal("1.5") and first["purpose"] == "=SUM(A1)"
    assert first["consent_basis"] == "shipment"


def test_wide_columns_follow_the_format_order(reports):
    fmt = workflow.report_format(reports["MEX"])
    order = {q.key: i for i, q in enumerate(fmt.iter_questions())}
    keys = [f.name.split(":")[0] for f in wide_fields(ExportFilters())[10:]]
    keys = [k for k in keys if "@" not in k]  # older series (split questions) come last
    assert keys == sorted(keys, key=order.__getitem__)
