"""Submissions over time: Parties first submitted by each checkpoint around the due date."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from reporting.analysis import reporting_performance, submission_timeline, timeline
from reporting.analysis.timeline import CHECKPOINTS, checkpoint_at
from reporting.exports import ExportFilters, build_plan
from reporting.extensions import db
from reporting.models import Party, Report, ReportStatus, Submission

#: The end of 2023-short's due day (2023-12-31), UTC: every checkpoint has passed.
DUE_END = datetime(2024, 1, 1, tzinfo=UTC)


def _rows(**filters):
    return {
        (r["cycle_code"], r["region"]): r for r in submission_timeline(ExportFilters(**filters))
    }


def _points(row):
    return {p["key"]: p for p in row["checkpoints"]}


def _submitted(iso3, cycle, *moments):
    """A report of the Party with a version submitted at each moment (the first decides)."""
    party = db.session.scalars(select(Party).where(Party.iso3 == iso3)).one()
    report = Report(
        party=party,
        cycle=cycle,
        status=ReportStatus.submitted,
        submitted_versions=len(moments),
        submitted_at=max(moments),
    )
    db.session.add(report)
    db.session.flush()
    for number, moment in enumerate(moments, 1):
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
    db.session.flush()
    return report


def _recount(filters: ExportFilters) -> dict:
    """(cycle, region, checkpoint key) -> Parties, counted in Python from the Submission rows."""
    plan = build_plan(filters)
    parties = list(db.session.scalars(select(Party)))
    if filters.regions:
        parties = [p for p in parties if p.regional_group.value in filters.regions]
    if filters.parties:
        parties = [p for p in parties if p.iso3 in filters.parties]
    first: dict[tuple[int, int], datetime] = {}
    for submission in db.session.scalars(select(Submission)):
        key = (submission.report.party_id, submission.report.cycle_id)
        first[key] = min(first.get(key, submission.submitted_at), submission.submitted_at)
    out = {}
    for cycle in plan.cycles:
        for party in parties:
            at = first.get((party.id, cycle.id))
            for region in (None, party.regional_group.value):
                out.setdefault((cycle.code, region, "parties"), 0)
                out[(cycle.code, region, "parties")] += 1
                for days in CHECKPOINTS:
                    out.setdefault((cycle.code, region, days), 0)
                    out[(cycle.code, region, days)] += at is not None and at < checkpoint_at(
                        cycle, days
                    )
                out.setdefault((cycle.code, region, None), 0)
                out[(cycle.code, region, None)] += at is not None
    return out


@pytest.fixture
def timed(full_cycle, short_cycle):
    """2023-short: BRA a week early, GHA on its last microsecond, JPN at the +30 instant,
    NGA 200 days late (then again later); 2025-full: IND two months early."""
    return {
        "BRA": _submitted("BRA", short_cycle, DUE_END - timedelta(days=7)),
        "GHA": _submitted("GHA", short_cycle, DUE_END - timedelta(microseconds=1)),
        "JPN": _submitted("JPN", short_cycle, DUE_END + timedelta(days=30)),
        "NGA": _submitted(
            "NGA", short_cycle, DUE_END + timedelta(days=200), DUE_END + timedelta(days=300)
        ),
        "IND": _submitted("IND", full_cycle, datetime(2025, 11, 1, tzinfo=UTC)),
    }


def test_cumulative_counts_at_each_checkpoint(timed):
    points = _points(_rows(cycles=["2023-short"])[("2023-short", None)])
    assert [p["key"] for p in points.values()] == [
        "-90",
        "-30",
        "0",
        "+30",
        "+90",
        "+180",
        "+365",
        "now",
    ]
    counts = {key: p["submitted"] for key, p in points.items()}
    assert counts == {
        "-90": 0,
        "-30": 0,
        "0": 2,
        "+30": 2,
        "+90": 3,
        "+180": 3,
        "+365": 4,
        "now": 4,
    }
    assert all(p["reached"] for p in points.values())


def test_checkpoint_boundaries(timed):
    """On time is before the end of the due day; a submission exactly at a checkpoint's
    instant counts at the next checkpoint; a resubmission does not count again."""
    points = _points(_rows(cycles=["2023-short"])[("2023-short", None)])
    assert points["0"]["at"] == DUE_END.isoformat()
    assert points["-30"]["at"] == (DUE_END - timedelta(days=30)).isoformat()
    assert points["+30"]["at"] == (DUE_END + timedelta(days=30)).isoformat()
    assert (points["now"]["days"], points["now"]["at"]) == (None, None)
    assert points["0"]["submitted"] == 2  # GHA's last microsecond counts
    assert points["+30"]["submitted"] == 2  # JPN came at the +30 instant: not before it
    assert points["+90"]["submitted"] == 3
    assert points["now"]["submitted"] == 4  # NGA once, for its first version


def test_numbers_equal_a_recount_of_the_submissions(timed, reports):
    for filters in (
        ExportFilters(),
        ExportFilters(regions=["africa", "asia_pacific"]),
        ExportFilters(cycles=["2023-short"], parties=["GHA", "NGA", "FRA", "KEN"]),
        ExportFilters(audience="published"),
    ):
        expected = _recount(filters)
        for row in submission_timeline(filters):
            cycle, region = row["cycle_code"], row["region"]
            parties = expected.get((cycle, region, "parties"), 0)
            assert row["parties"] == parties
            for point in row["checkpoints"]:
                if not point["reached"]:
                    assert point["submitted"] is None and point["share"] is None
                    continue
                count = expected.get((cycle, region, point["days"]), 0)
                assert point["submitted"] == count, (filters, cycle, region, point)
                assert point["share"] == (pytest.approx(count / parties) if parties else None)


def test_shares_are_of_all_parties_of_the_group(timed):
    row = _rows(cycles=["2023-short"])[("2023-short", "africa")]
    africa = _points(row)  # GHA on time, NGA late
    assert row["parties"] > 2
    assert (africa["0"]["submitted"], africa["0"]["share"]) == (
        1,
        pytest.approx(1 / row["parties"]),
    )
    assert africa["now"]["share"] == pytest.approx(2 / row["parties"])


def test_now_is_the_submitted_count_of_reporting_performance(timed, reports):
    performance = {
        (r["cycle_code"], r["region"]): r for r in reporting_performance(ExportFilters())
    }
    for key, row in _rows().items():
        assert row["submitted"] == _points(row)["now"]["submitted"] == performance[key]["submitted"]
        assert row["parties"] == performance[key]["parties"]


def test_a_checkpoint_still_to_come_has_no_count_yet(timed, monkeypatch):
    monkeypatch.setattr(timeline, "utcnow", lambda: DUE_END + timedelta(days=45))
    points = _points(_rows(cycles=["2023-short"])[("2023-short", None)])
    assert [p["key"] for p in points.values() if not p["reached"]] == ["+90", "+180", "+365"]
    assert all(
        p["submitted"] is None and p["share"] is None for p in points.values() if not p["reached"]
    )
    assert points["+30"]["submitted"] == 2 and points["now"]["submitted"] == 4


def test_filters_of_cycles_regions_and_parties(timed):
    rows = _rows(cycles=["2023-short"], regions=["africa"], parties=["GHA", "BRA"])
    assert set(rows) == {("2023-short", None), ("2023-short", "africa")}
    overall = rows[("2023-short", None)]
    assert overall["parties"] == 1 and _points(overall)["0"]["submitted"] == 1
    full = _rows(cycles=["2025-full"])
    assert {c for c, _r in full} == {"2025-full"}
    assert _points(full[("2025-full", None)])["-30"]["submitted"] == 1  # IND, 2 months early
    assert _points(full[("2025-full", "asia_pacific")])["-90"]["submitted"] == 0


def test_the_published_audience_sees_the_same_submissions(timed, reports):
    assert submission_timeline(ExportFilters(audience="published")) == submission_timeline(
        ExportFilters()
    )
