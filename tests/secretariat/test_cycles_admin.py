"""Managing reporting cycles: the list, adding the next cycle with suggested values,
editing one, the rules (reporting.cycles) and who may (cycles.manage, per convention)."""

from datetime import date

import pytest
from sqlalchemy import select

from reporting import cycles as rules
from reporting.extensions import db
from reporting.models import AuditEvent, ReportingCycle, Role
from tests.conftest import make_user
from tests.secretariat.factories import at, login, party, report_in_state

NEXT = {
    "convention": "minamata",
    "code": "2029-full",
    "kind": "full",
    "year": "2029",
    "period_start": "2025-01-01",
    "period_end": "2028-12-31",
    "due_date": "2029-12-31",
    "format": "minamata:2023.1",
}


def _cycle(code):
    return db.session.scalars(select(ReportingCycle).where(ReportingCycle.code == code)).first()


def _values(**changes) -> rules.CycleValues:
    base = {
        "code": "2029-full",
        "kind": "full",
        "year": 2029,
        "period_start": date(2025, 1, 1),
        "period_end": date(2028, 12, 31),
        "due_date": date(2029, 12, 31),
        "format_id": "minamata",
        "format_version": "2023.1",
    }
    return rules.CycleValues(**{**base, **changes})


@pytest.fixture
def stockholm_secretariat():
    """A secretariat member who works for the Stockholm Convention only."""
    user = make_user("pops.secretariat@example.org", Role.secretariat)
    user.grant("stockholm", Role.secretariat)
    db.session.flush()
    return user


def test_the_list_shows_each_cycle_with_its_format_and_number_of_reports(
    client, secretariat, short_cycle
):
    report_in_state(party("KEN"), short_cycle, "draft")
    login(client, secretariat)
    page = client.get("/secretariat/reporting-cycles")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    row = html[html.index("<bdi>2023-short</bdi>") :]
    row = row[: row.index("</tr>")]
    assert f"minamata {short_cycle.format_version}" in row and '<td class="num">1</td>' in row
    assert "Short report (every two years)" in row
    assert "/secretariat/reporting-cycles/2023-short/edit" in row
    assert 'href="/secretariat/reporting-cycles"' in html  # the secretariat's menu links it


def test_the_next_cycle_is_suggested_from_the_last_one(request_ctx):
    suggested = rules.next_cycle_defaults("minamata")  # the last one is 2027-short
    assert suggested == _values()  # 2029: the short and the full report are due: full
    db.session.add(
        ReportingCycle(convention="minamata", **{**_values().__dict__, "format_id": "minamata"})
    )
    db.session.flush()
    after = rules.next_cycle_defaults("minamata")
    # A short report covers the years since the last report (2029-full's period).
    assert after == _values(
        code="2031-short",
        kind="short",
        year=2031,
        period_start=date(2029, 1, 1),
        period_end=date(2030, 12, 31),
        due_date=date(2031, 12, 31),
    )
    assert rules.next_cycle_defaults("stockholm") is None  # no cycle yet: nothing to follow


def test_the_add_page_offers_the_suggested_values(client, secretariat):
    login(client, secretariat)
    html = client.get("/secretariat/reporting-cycles/new?convention=minamata").get_data(
        as_text=True
    )
    assert 'value="2029-full"' in html and 'value="2025-01-01"' in html
    assert 'value="2028-12-31"' in html and 'value="2029-12-31"' in html
    assert '<option selected value="minamata:2023.1">' in html and 'value="minamata:2017.1"' in html
    assert "stockholm:2023.1" in html  # this secretariat works for every convention served


def test_a_convention_without_cycles_gets_an_empty_form(client, secretariat):
    login(client, secretariat)
    response = client.get("/secretariat/reporting-cycles/new?convention=stockholm")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "The values suggested" not in html
    assert '<option selected value="stockholm">' in html and 'id="code"' in html


def test_the_secretariat_adds_the_next_cycle(client, secretariat):
    login(client, secretariat)
    response = client.post("/secretariat/reporting-cycles/new", data=NEXT)
    assert response.status_code == 303
    cycle = _cycle("2029-full")
    assert (cycle.convention, cycle.kind, cycle.year, cycle.format_version) == (
        "minamata",
        "full",
        2029,
        "2023.1",
    )
    assert (cycle.period_start, cycle.period_end, cycle.due_date) == (
        date(2025, 1, 1),
        date(2028, 12, 31),
        date(2029, 12, 31),
    )
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "cycle.create")).one()
    assert event.user_id == secretariat.id and event.details["cycle"] == "2029-full"
    assert "2029-full" in client.get("/secretariat/reporting-cycles").get_data(as_text=True)


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"code": "2023-short"}, "code", "A cycle with the code 2023-short exists already."),
        ({"code": "2029 Full!"}, "code", "lower-case letters, digits and single hyphens"),
        (
            {"period_end": "2024-12-31", "period_start": "2025-01-01"},
            "period_end",
            "The period must end after it starts.",
        ),
        (
            {"due_date": "2028-06-30"},
            "due_date",
            "The due date must be after the end of the period.",
        ),
        (
            {"format": "stockholm:2023.1"},
            "format",
            "The format stockholm is not one of this cycle&#39;s convention.",
        ),
        ({"year": "3000"}, "year", "Give a year between 1990 and 2200."),
        ({"period_end": "9999-12-31"}, "period_end", "Give a date in the years 1990 to 2200."),
        ({"due_date": "31/12/2029"}, "due_date", "Not a valid date value."),
        ({"kind": "annual"}, "kind", "Not a valid choice."),
    ],
)
def test_bad_input_is_refused_at_its_field_and_what_was_typed_is_kept(
    client, secretariat, changes, field, message
):
    login(client, secretariat)
    data = {**NEXT, **changes}
    response = client.post("/secretariat/reporting-cycles/new", data=data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    assert f'id="{field}-error"' in html and 'aria-invalid="true"' in html
    for name in ("code", "period_start", "period_end", "due_date", "year"):
        assert f'value="{data[name]}"' in html
    assert db.session.scalar(select(ReportingCycle.id).where(ReportingCycle.year == 2029)) is None


def test_the_errors_are_translated(client, secretariat):
    secretariat.language = "fr"
    login(client, secretariat)
    response = client.post(
        "/secretariat/reporting-cycles/new", data={**NEXT, "due_date": "2028-06-30"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "The due date must be after" not in html
    assert "La date limite doit être postérieure à la fin de la période." in html


def test_a_kind_the_format_does_not_declare_is_refused(request_ctx, secretariat):
    with pytest.raises(rules.CycleError) as refused:
        rules.add_cycle(
            secretariat,
            "stockholm",
            _values(code="2030-short", kind="short", format_id="stockholm"),
        )
    assert list(refused.value.errors) == ["kind"]


def test_the_secretariat_edits_a_cycle_without_reports_and_its_version(client, secretariat):
    login(client, secretariat)
    page = client.get("/secretariat/reporting-cycles/2027-short/edit").get_data(as_text=True)
    assert 'value="2025-01-01"' in page
    assert 'id="format" name="format">' in page  # offered while no report exists
    response = client.post(
        "/secretariat/reporting-cycles/2027-short/edit",
        data={
            "period_start": "2025-01-01",
            "period_end": "2026-12-31",
            "due_date": "2028-03-31",
            "format": "minamata:2017.1",
        },
    )
    assert response.status_code == 303
    cycle = _cycle("2027-short")
    assert cycle.due_date == date(2028, 3, 31) and cycle.format_version == "2017.1"
    assert cycle.kind == "short" and cycle.year == 2027


def test_the_version_of_a_cycle_with_reports_cannot_change(client, secretariat, short_cycle):
    version = short_cycle.format_version
    other = "2017.1" if version == "2023.1" else "2023.1"
    report_in_state(party("KEN"), short_cycle, "submitted", [at(2023, 6, 1)])
    login(client, secretariat)
    page = client.get("/secretariat/reporting-cycles/2023-short/edit").get_data(as_text=True)
    assert 'name="format"' not in page  # not offered
    assert "its format version can no longer change" in page
    data = {"period_start": "2021-01-01", "period_end": "2022-12-31", "due_date": "2024-01-31"}
    response = client.post(
        "/secretariat/reporting-cycles/2023-short/edit",
        data={**data, "format": f"minamata:{other}"},
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert (
        "The format version of 2023-short cannot change: reports of this cycle exist, and "
        f"their answers follow the questions of minamata {version}."
    ) in html
    assert 'value="2024-01-31"' in html  # what was typed is kept
    assert _cycle("2023-short").format_version == version
    assert _cycle("2023-short").due_date == date(2023, 12, 31)
    # Its period and due date still change.
    assert (
        client.post("/secretariat/reporting-cycles/2023-short/edit", data=data).status_code == 303
    )
    assert _cycle("2023-short").due_date == date(2024, 1, 31)
    assert _cycle("2023-short").format_version == version


def test_update_cycle_refuses_another_version_once_a_report_exists(
    request_ctx, secretariat, short_cycle
):
    rules.update_cycle(
        secretariat,
        short_cycle,
        _values(
            code="ignored",
            kind="short",
            year=2023,
            period_start=date(2021, 1, 1),
            period_end=date(2022, 12, 31),
            due_date=date(2023, 12, 31),
            format_version="2017.1",
        ),
    )
    assert short_cycle.format_version == "2017.1" and short_cycle.code == "2023-short"
    report_in_state(party("KEN"), short_cycle, "draft")
    with pytest.raises(rules.CycleError) as refused:
        rules.update_cycle(
            secretariat,
            short_cycle,
            _values(
                kind="short",
                year=2023,
                period_start=date(2021, 1, 1),
                period_end=date(2022, 12, 31),
                due_date=date(2023, 12, 31),
            ),
        )
    assert list(refused.value.errors) == ["format"]
    assert short_cycle.format_version == "2017.1"


def test_a_secretariat_of_another_convention_cannot_manage_its_cycles(
    client, stockholm_secretariat, stockholm_cycle
):
    login(client, stockholm_secretariat)
    assert client.get("/secretariat/reporting-cycles/2023-short/edit").status_code == 403
    assert (
        client.post(
            "/secretariat/reporting-cycles/2023-short/edit",
            data={
                "period_start": "2021-01-01",
                "period_end": "2022-12-31",
                "due_date": "2030-01-01",
                "format": "minamata:2023.1",
            },
        ).status_code
        == 403
    )
    assert _cycle("2023-short").due_date == date(2023, 12, 31)
    # Adding a Minamata cycle: the convention is not one of the choices.
    response = client.post("/secretariat/reporting-cycles/new", data=NEXT)
    assert response.status_code == 400 and _cycle("2029-full") is None
    html = client.get("/secretariat/reporting-cycles").get_data(as_text=True)
    assert "2026-pops" in html and "2023-short" not in html
    assert client.get("/secretariat/reporting-cycles/2026-pops/edit").status_code == 200


def test_national_users_cannot_manage_cycles(client, focal_point):
    login(client, focal_point)
    assert client.get("/secretariat/reporting-cycles").status_code == 403
    assert client.post("/secretariat/reporting-cycles/new", data=NEXT).status_code == 403
    assert _cycle("2029-full") is None


def test_an_unknown_cycle_is_not_found(client, admin):
    login(client, admin)
    assert client.get("/secretariat/reporting-cycles/1999-none/edit").status_code == 404
