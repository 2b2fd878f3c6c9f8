"""A Party's first report in a convention starts at its own entry into force: the period
start pre-filled in Part A is that date when it is later than the cycle's start."""

from datetime import date

from reporting.questionnaire import get_format
from reporting.reports import workflow
from reporting.reports.answers import load_answers
from tests.secretariat.factories import at, party, report_in_state

START = "party.period_start"


def _start(cycle, iso3):
    fmt = get_format(cycle.format_id, cycle.format_version)
    return workflow.prefill_values(fmt, party(iso3), None, cycle)[START]["value"]


def test_a_first_report_starts_at_the_party_s_entry_into_force(request_ctx, full_cycle):
    kenya = party("KEN")
    assert kenya.membership("minamata").entry_into_force == date(2023, 12, 21)
    assert full_cycle.period_start == date(2021, 1, 1)
    report = workflow.start_report(kenya, full_cycle, carry_over=False)
    answers = load_answers(report, workflow.report_format(report))
    assert answers[START]["value"] == date(2023, 12, 21)
    assert answers["party.period_end"]["value"] == date(2024, 12, 31)  # the cycle's


def test_a_party_in_force_before_the_cycle_starts_keeps_the_cycle_s_start(request_ctx, full_cycle):
    assert party("MEX").membership("minamata").entry_into_force == date(2017, 8, 16)
    assert _start(full_cycle, "MEX") == "2021-01-01"


def test_a_party_that_reported_before_keeps_the_cycle_s_start(request_ctx, short_cycle, full_cycle):
    kenya = party("KEN")
    kenya.membership("minamata").entry_into_force = date(2021, 6, 1)
    assert _start(short_cycle, "KEN") == "2021-06-01"  # its first report
    report_in_state(kenya, short_cycle, "submitted", [at(2023, 6, 1)])
    assert _start(full_cycle, "KEN") == "2021-01-01"  # no longer its first


def test_a_report_in_another_convention_does_not_count(request_ctx, full_cycle, stockholm_cycle):
    kenya = party("KEN")
    stockholm_cycle.year = 2020  # an earlier cycle, of the Stockholm Convention
    report_in_state(kenya, stockholm_cycle, "submitted", [at(2020, 6, 1)])
    assert _start(full_cycle, "KEN") == "2023-12-21"


def test_an_entry_into_force_after_the_period_changes_nothing(request_ctx, short_cycle):
    assert party("KEN").membership("minamata").entry_into_force > short_cycle.period_end
    assert _start(short_cycle, "KEN") == "2021-01-01"
