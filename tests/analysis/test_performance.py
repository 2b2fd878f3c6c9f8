"""Reporting performance: submission rate and on-time share per cycle and region."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from reporting.analysis import reporting_performance
from reporting.analysis.performance import due_end
from reporting.exports import ExportFilters, build_plan
from reporting.extensions import db
from reporting.models import Party, RegionalGroup, Report, ReportStatus, Submission
from reporting.models.types import utcnow
from reporting.reports import workflow
from tests.exports.factories import make_report


def _rows(**filters):
    return {
        (r["cycle_code"], r["region"]): r for r in reporting_performance(ExportFilters(**filters))
    }


@pytest.fixture
def cycle_2027(app, db):
    from tests.conftest import _cycle

    return _cycle("2027-short")


def _parties(region=None):
    query = select(func.count(Party.id))
    if region:
        query = query.where(Party.regional_group == RegionalGroup(region))
    return db.session.scalar(query)


def test_counts_rates_and_statuses_per_region(reports):
    rows = _rows(cycles=["2025-full"])
    overall = rows[("2025-full", None)]
    assert overall["parties"] == _parties() and overall["submitted"] == 3
    assert overall["due_date"] == "2025-12-31"
    assert overall["by_status"] == {
        "not_started": _parties() - 4,
        "draft": 1,
        "submitted": 2,
        "returned": 0,
        "accepted": 1,
    }
    assert overall["submission_rate"] == pytest.approx(3 / _parties())
    africa = rows[("2025-full", "africa")]
    assert (africa["parties"], africa["submitted"]) == (_parties("africa"), 1)
    assert rows[("2025-full", "eastern_europe")]["on_time_share"] is None


def test_a_returned_report_was_submitted(full_cycle, reviewer):
    make_report("FRA", full_cycle, "returned", reviewer=reviewer)
    row = _rows(cycles=["2025-full"])[("2025-full", None)]
    assert row["submitted"] == 1 and row["by_status"]["returned"] == 1


def test_on_time_means_first_submitted_by_the_end_of_the_due_date(full_cycle, cycle_2027, reviewer):
    make_report("MEX", cycle_2027, "submitted", reviewer=reviewer)  # due 2027-12-31: on time
    make_report("KEN", full_cycle, "submitted", reviewer=reviewer)  # due 2025-12-31: late now
    rows = _rows(cycles=["2025-full", "2027-short"])
    assert (rows[("2027-short", None)]["on_time"], rows[("2027-short", None)]["on_time_share"]) == (
        1,
        1.0,
    )
    assert (rows[("2025-full", None)]["on_time"], rows[("2025-full", None)]["on_time_share"]) == (
        0,
        0.0,
    )


def test_the_due_date_counts_until_its_last_second(app, db):
    plan = build_plan(ExportFilters(cycles=["2025-full"]))
    assert plan.cycles[0].due_date == date(2025, 12, 31)
    assert due_end(plan.cycles[0]) == datetime(2026, 1, 1, tzinfo=UTC)


def test_region_and_party_filters(reports):
    rows = _rows(cycles=["2025-full"], regions=["africa"], parties=["KEN", "NGA"])
    assert set(rows) == {("2025-full", None), ("2025-full", "africa")}
    assert (rows[("2025-full", None)]["parties"], rows[("2025-full", None)]["submitted"]) == (2, 1)


def test_first_submission_decides_even_after_a_late_resubmission(full_cycle):
    mex = db.session.scalars(select(Party).where(Party.iso3 == "MEX")).one()
    report = Report(
        party=mex, cycle=full_cycle, status=ReportStatus.submitted, submitted_versions=2
    )
    db.session.add(report)
    db.session.flush()
    for number, moment in (
        (1, datetime(2025, 12, 31, 23, 59, tzinfo=UTC)),
        (2, datetime(2026, 2, 1, tzinfo=UTC)),
    ):
        db.session.add(
            Submission(
                report_id=report.id,
                version_no=number,
                submitted_at=moment,
                format_id="minamata",
                format_version="2023.1",
                language="en",
                content={"answers": {}},
                content_hash="0" * 64,
            )
        )
        report.submitted_at = moment
    db.session.flush()
    row = _rows(cycles=["2025-full"])[("2025-full", None)]
    assert (row["submitted"], row["on_time"], row["on_time_share"]) == (1, 1, 1.0)


def test_the_published_audience_sees_no_drafts(reports):
    public = _rows(cycles=["2025-full"], audience="published")[("2025-full", None)]
    secretariat = _rows(cycles=["2025-full"])[("2025-full", None)]
    assert "draft" not in public["by_status"]
    assert public["by_status"] == {
        "not_started": _parties() - 3,
        "submitted": 2,
        "returned": 0,
        "accepted": 1,
    }
    assert sum(public["by_status"].values()) == public["parties"] == secretariat["parties"]
    for key in ("submitted", "submission_rate", "on_time", "on_time_share", "published"):
        assert public[key] == secretariat[key], key
    france = _rows(cycles=["2025-full"], audience="published", parties=["FRA"])
    assert france[("2025-full", "western_europe_others")]["by_status"]["not_started"] == 1


def test_published_counts_accepted_reports_past_their_embargo(reports, reviewer):
    workflow.accept(reports["KEN"], reviewer, embargo_until=utcnow() + timedelta(days=30))
    workflow.accept(reports["CHN"], reviewer)
    db.session.flush()
    for audience in ("published", "secretariat"):
        rows = _rows(cycles=["2025-full"], audience=audience)
        assert rows[("2025-full", None)]["published"] == 2  # MEX and CHN; KEN is embargoed
        assert rows[("2025-full", None)]["by_status"]["accepted"] == 3
        assert rows[("2025-full", "africa")]["published"] == 0
        assert rows[("2025-full", "latin_america_caribbean")]["published"] == 1
