"""Seeding cycles (reporting/data/cycles.yaml) keeps the format version of a cycle that has
reports: an older database is seeded without failing and without losing answers."""

import logging
from datetime import date

import yaml
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import ReportingCycle
from reporting.seed import DATA_DIR, seed_cycles
from tests.secretariat.factories import party, report_in_state


def _cycle(code):
    return db.session.scalars(select(ReportingCycle).where(ReportingCycle.code == code)).one()


def _file(tmp_path, version, due_date="2024-01-31"):
    items = yaml.safe_load((DATA_DIR / "cycles.yaml").read_text(encoding="utf-8"))
    for item in items:
        if item["code"] in ("2023-short", "2027-short"):
            item.update(version=version, due_date=date.fromisoformat(due_date))
    path = tmp_path / "cycles.yaml"
    path.write_text(yaml.safe_dump(items), encoding="utf-8")
    return path


def test_a_cycle_with_reports_keeps_its_version_and_the_seed_warns(tmp_path, short_cycle):
    before = short_cycle.format_version
    other = "2017.1" if before == "2023.1" else "2023.1"
    report_in_state(party("KEN"), short_cycle, "draft")
    warnings = []
    seed_cycles(_file(tmp_path, other), warn=warnings.append)
    assert _cycle("2023-short").format_version == before  # its reports' answers still fit
    assert _cycle("2023-short").due_date == date(2024, 1, 31)  # the rest is updated
    assert _cycle("2027-short").format_version == other  # no report: it follows the file
    assert len(warnings) == 1 and "2023-short" in warnings[0]
    assert f"minamata {before}" in warnings[0] and f"minamata {other}" in warnings[0]


def test_the_warning_is_logged_by_default(tmp_path, short_cycle, caplog):
    other = "2017.1" if short_cycle.format_version == "2023.1" else "2023.1"
    report_in_state(party("KEN"), short_cycle, "draft")
    with caplog.at_level(logging.WARNING, logger="reporting.seed"):
        seed_cycles(_file(tmp_path, other))
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    assert "cycle 2023-short" in caplog.records[0].getMessage()
    assert seed_cycles(_file(tmp_path, other)) == 0  # nothing more to change


def test_ort_seed_prints_the_warning(app, short_cycle):
    shipped = short_cycle.format_version
    short_cycle.format_version = "2017.1" if shipped == "2023.1" else "2023.1"
    report_in_state(party("KEN"), short_cycle, "draft")
    result = app.test_cli_runner().invoke(args=["ort", "seed"])
    assert result.exit_code == 0
    assert "Warning: cycle 2023-short: reports of it exist" in result.stderr
    assert _cycle("2023-short").format_version != shipped
