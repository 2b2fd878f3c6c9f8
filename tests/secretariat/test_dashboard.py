"""The cycle dashboard's numbers: statuses, submission rates, on-time shares, filters, sorting."""

from datetime import date

import pytest
from flask_babel import force_locale
from sqlalchemy import event, func, select

from reporting.extensions import db
from reporting.geography.names import sort_key
from reporting.models import Party, RegionalGroup
from reporting.secretariat import dashboard
from tests.secretariat.factories import at, party, report_in_state


@pytest.fixture
def seeded_cycle(short_cycle):
    """2023-short (due 2023-12-31) with Parties in every state, on time and late."""
    report_in_state(party("MEX"), short_cycle, "accepted", [at(2023, 11, 2)])
    report_in_state(party("KEN"), short_cycle, "submitted", [at(2024, 2, 1)])  # late
    report_in_state(party("FRA"), short_cycle, "returned", [at(2023, 12, 31, 23)])  # on time
    report_in_state(party("JOR"), short_cycle, "draft")
    report_in_state(party("CHN"), short_cycle, "accepted", [at(2023, 6, 1), at(2024, 3, 1)])
    return short_cycle


def _by_iso3(rows):
    return {r.iso3: r for r in rows}


def test_every_party_is_listed_with_its_status_and_no_report_is_not_started(seeded_cycle):
    rows = _by_iso3(dashboard.party_rows(seeded_cycle))
    assert len(rows) == db.session.scalar(select(func.count(Party.id)))
    assert rows["MEX"].status == "accepted"
    assert rows["KEN"].status == "submitted"
    assert rows["FRA"].status == "returned"
    assert rows["JOR"].status == "draft"
    assert rows["BRA"].status == "not_started" and rows["BRA"].report_id is None


def test_timeliness_counts_the_first_submission_against_the_due_date(seeded_cycle):
    rows = _by_iso3(dashboard.party_rows(seeded_cycle, today=date(2026, 1, 1)))
    assert rows["MEX"].timeliness == "on_time"
    assert rows["FRA"].timeliness == "on_time"  # 23:00 UTC on the due day
    assert rows["KEN"].timeliness == "late"
    assert rows["CHN"].timeliness == "on_time"  # resubmitted later, first version on time
    assert rows["CHN"].first_submitted_at == at(2023, 6, 1)
    assert rows["CHN"].last_submitted_at == at(2024, 3, 1)
    assert rows["CHN"].versions == 2
    assert rows["JOR"].timeliness == "overdue"
    early = _by_iso3(dashboard.party_rows(seeded_cycle, today=date(2023, 10, 1)))
    assert early["JOR"].timeliness == "pending"


def test_last_activity_is_the_latest_of_report_change_and_audit_event(seeded_cycle, secretariat):
    from reporting import audit

    report = db.session.get(
        dashboard.Report, _by_iso3(dashboard.party_rows(seeded_cycle))["KEN"].report_id
    )
    event_ = audit.record("report.view", secretariat, report)
    event_.at = at(2030, 1, 1)
    db.session.flush()
    rows = _by_iso3(dashboard.party_rows(seeded_cycle))
    assert rows["KEN"].last_activity == at(2030, 1, 1)
    assert rows["MEX"].last_activity is not None and rows["MEX"].last_activity < at(2030, 1, 1)
    assert rows["BRA"].last_activity is None


def test_counts_and_submission_rates_overall_and_by_region(seeded_cycle):
    overall, regions = dashboard.cycle_counts(seeded_cycle)
    total = db.session.scalar(select(func.count(Party.id)))
    assert overall.total == total
    assert overall.by_status == {
        "not_started": total - 5,
        "draft": 1,
        "submitted": 1,
        "returned": 1,
        "accepted": 2,
    }
    assert overall.submitted == 4
    assert overall.submission_rate == pytest.approx(4 / total)
    assert overall.on_time == 3 and overall.on_time_share == pytest.approx(3 / 4)
    by_region = {g.region: g for g in regions}
    assert set(by_region) == {g.value for g in RegionalGroup}
    grulac = by_region["latin_america_caribbean"]  # Mexico
    assert grulac.by_status["accepted"] == 1 and grulac.submitted == 1
    grulac_total = db.session.scalar(
        select(func.count(Party.id)).where(
            Party.regional_group == RegionalGroup.latin_america_caribbean
        )
    )
    assert grulac.total == grulac_total
    assert grulac.submission_rate == pytest.approx(1 / grulac_total)
    asia = by_region["asia_pacific"]  # Jordan (draft), China (accepted)
    assert asia.by_status["draft"] == 1 and asia.by_status["accepted"] == 1
    assert sum(g.total for g in regions) == overall.total


def test_filters_by_region_status_and_name(seeded_cycle):
    africa = dashboard.party_rows(seeded_cycle, region="africa")
    assert africa and {r.region for r in africa} == {"africa"}
    assert "KEN" in _by_iso3(africa)
    submitted = dashboard.party_rows(seeded_cycle, statuses=["submitted", "accepted"])
    assert set(_by_iso3(submitted)) == {"MEX", "KEN", "CHN"}
    assert [r.iso3 for r in dashboard.party_rows(seeded_cycle, search="mexi")] == ["MEX"]
    assert [r.iso3 for r in dashboard.party_rows(seeded_cycle, search="ken")] == ["KEN"]
    not_started = dashboard.party_rows(seeded_cycle, statuses=["not_started"], region="africa")
    assert "KEN" not in _by_iso3(not_started) and all(r.report_id is None for r in not_started)


def test_sorting_by_status_submission_date_and_name(seeded_cycle):
    by_status = dashboard.party_rows(seeded_cycle, sort="status", descending=True)
    assert [r.iso3 for r in by_status[:2]] == ["CHN", "MEX"]  # ties in name order
    assert by_status[5].status == "not_started" and by_status[5].name < by_status[6].name
    by_date = dashboard.party_rows(seeded_cycle, sort="submitted", descending=True)
    assert [r.iso3 for r in by_date[:4]] == ["KEN", "FRA", "MEX", "CHN"]
    names = [r.name for r in dashboard.party_rows(seeded_cycle, sort="name")]
    assert names == sorted(names, key=sort_key)  # "Côte d'Ivoire" before "Croatia"


def test_list_and_counts_take_a_few_queries_whatever_the_number_of_parties(seeded_cycle):
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    engine = db.session.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        dashboard.party_rows(seeded_cycle)
        dashboard.cycle_counts(seeded_cycle)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    # the list is one query; the counts one GROUP BY plus the cycle lookup of the selection
    # and the keys of the format versions stored from the web (one small query)
    assert len(statements) <= 4
    assert sum("GROUP BY" in s for s in statements) >= 2


def test_default_cycle_is_the_latest_with_reports(seeded_cycle, full_cycle):
    assert dashboard.default_cycle() == seeded_cycle
    report_in_state(party("MEX"), full_cycle, "draft")
    assert dashboard.default_cycle() == full_cycle


def test_rows_show_the_un_names_in_the_current_language_and_search_them(app, seeded_cycle):
    with app.test_request_context("/"), force_locale("fr"):
        rows = {r.iso3: r for r in dashboard.party_rows(seeded_cycle)}
        assert rows["BOL"].name == "Bolivie (État plurinational de)"
        assert rows["DEU"].name == "Allemagne"
        # the French name (without its accent) and the English name both find it
        for search in ("etat plurinational", "Plurinational State"):
            assert [r.iso3 for r in dashboard.party_rows(seeded_cycle, search=search)] == ["BOL"]
        names = [r.name for r in dashboard.party_rows(seeded_cycle)]
        assert names.index("Danemark") < names.index("Égypte") < names.index("France")
