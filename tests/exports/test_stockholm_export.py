"""The secretariat's exports read a Stockholm cycle as they read a Minamata one: table cells
per chemical with their unit, codes with labels, personal answers out of published data."""

from reporting.exports import ExportFilters, iter_long_rows

from .factories import make_report

QUANTITIES = "art3.production_use.quantities"


def _rows(**filters):
    return list(iter_long_rows(ExportFilters(cycles=("2026-pops",), **filters)))


def test_a_stockholm_report_exports_its_tables_per_chemical_in_kg(
    request_ctx, stockholm_cycle, reviewer
):
    rows = [
        {
            "chemical": "pfoa",
            "year": 2024,
            "production": "0",
            "use": "12.5",
            "import": "12.5",
            "export": None,
        }
    ]
    make_report(
        "MEX",
        stockholm_cycle,
        "accepted",
        seed=3,
        reviewer=reviewer,
        overrides={"art3.production_use": {"value": "yes"}, QUANTITIES: {"value": rows}},
    )
    cells = {r["column_key"]: r for r in _rows() if r["question_key"] == QUANTITIES}
    assert cells["chemical"]["value_code"] == "pfoa"
    assert cells["chemical"]["value_label"].startswith("Perfluorooctanoic acid (PFOA)")
    assert cells["use"]["value_number"] == 12.5 and cells["use"]["unit"] == "kg"
    assert cells["production"]["value_number"] == 0
    assert {r["article"] for r in _rows()} >= {"3", "4", "5", "6", "7", "15", "16"}
    published = {r["question_key"] for r in _rows(audience="published")}
    assert QUANTITIES in published and "party.focal_point.email" not in published
