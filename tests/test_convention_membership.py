"""National users act per convention: a focal point of Minamata only reaches no Stockholm
report of their own Party; a person with both memberships reaches both."""

import pytest
from sqlalchemy import select

from reporting.auth.contributors import invite_contributor
from reporting.extensions import db as _db
from reporting.models import Report, Role, User
from reporting.policy import can, scope_reports
from reporting.reports import workflow

from .conftest import make_user
from .web.helpers import login


@pytest.fixture
def stockholm_cycle(tiny_cycle):
    """A cycle of a second convention (its reports on the tiny test format)."""
    tiny_cycle.convention, tiny_cycle.code = "stockholm", "2099-pops"
    _db.session.flush()
    return tiny_cycle


@pytest.fixture
def stockholm_report(request_ctx, stockholm_cycle, party_a) -> Report:
    both = make_user(
        "both.a@example.org", Role.focal_point, party_a, conventions=("minamata", "stockholm")
    )
    report = workflow.start_report(party_a, stockholm_cycle, both, carry_over=False)
    _db.session.flush()
    return report


@pytest.fixture
def minamata_report(request_ctx, party_a, short_cycle, focal_point) -> Report:
    report = workflow.start_report(party_a, short_cycle, focal_point, carry_over=False)
    _db.session.flush()
    return report


def _both(party):
    return _db.session.scalars(select(User).where(User.email == "both.a@example.org")).one()


def test_a_minamata_focal_point_cannot_see_or_edit_a_stockholm_report_of_their_party(
    focal_point, stockholm_report, minamata_report
):
    assert focal_point.convention_codes == ["minamata"]
    for action in ("report.view", "report.edit", "report.submit", "query.reply"):
        assert not can(focal_point, action, stockholm_report), action
        assert can(focal_point, action, minamata_report), action
    visible = _db.session.scalars(scope_reports(select(Report), focal_point)).all()
    assert minamata_report in visible and stockholm_report not in visible
    assert not can(focal_point, "report.start", focal_point.party_id, convention="stockholm")


def test_a_person_with_both_memberships_reaches_both_reports(
    party_a, stockholm_report, minamata_report
):
    both = _both(party_a)
    for action in ("report.view", "report.edit", "report.submit"):
        assert can(both, action, stockholm_report) and can(both, action, minamata_report)
    visible = _db.session.scalars(scope_reports(select(Report), both)).all()
    assert {minamata_report, stockholm_report} <= set(visible)


def test_the_role_is_the_one_held_in_the_reports_convention(party_a, stockholm_report):
    person = make_user("mixed.a@example.org", Role.focal_point, party_a)
    person.grant("stockholm", Role.contributor)
    assert can(person, "report.edit", stockholm_report)
    assert not can(person, "report.submit", stockholm_report)  # a contributor there


def test_the_stockholm_report_page_is_not_found_for_a_minamata_focal_point(
    client, focal_point, party_a, stockholm_report
):
    _db.session.commit()
    login(client, focal_point)
    assert client.get(f"/reports/{stockholm_report.id}").status_code == 404
    assert client.post("/cycles/2099-pops/start").status_code == 403
    login(client, _both(party_a))
    assert client.get(f"/reports/{stockholm_report.id}").status_code == 200


def test_the_home_page_lists_only_the_cycles_of_the_users_conventions(
    client, focal_point, party_a, stockholm_cycle
):
    _db.session.commit()
    login(client, focal_point)
    assert "cycle-2099-pops" not in client.get("/").get_data(as_text=True)
    login(
        client,
        make_user(
            "both.home@example.org",
            Role.focal_point,
            party_a,
            conventions=("minamata", "stockholm"),
        ),
    )
    _db.session.commit()
    assert "cycle-2099-pops" in client.get("/").get_data(as_text=True)


def test_a_focal_point_invites_contributors_into_their_own_convention(
    request_ctx, focal_point, stockholm_cycle
):
    user, _message = invite_contributor(focal_point, email="new.helper@example.org")
    assert [(m.convention, m.role) for m in user.conventions] == [("minamata", Role.contributor)]


def test_the_secretariat_creates_a_focal_point_in_the_chosen_convention(
    client, secretariat, party_a, stockholm_cycle, monkeypatch
):
    from reporting import conventions
    from reporting.conventions import ConventionInfo, get_convention

    stockholm = ConventionInfo(
        code="stockholm",
        title="Stockholm Convention",
        name="Stockholm",
        article="15",
        brand="Stockholm reporting",
        signature="Stockholm Secretariat",
        formats=("tiny",),
    )
    served = {"minamata": get_convention("minamata"), "stockholm": stockholm}
    monkeypatch.setattr(conventions, "_shipped", lambda: served)
    _db.session.commit()
    login(client, secretariat)
    response = client.post(
        "/secretariat/users",
        data={
            "email": "pops.fp@example.org",
            "role": "focal_point",
            "party": str(party_a.id),
            "convention": "stockholm",
            "language": "",
        },
    )
    assert response.status_code == 302
    user = _db.session.scalars(select(User).where(User.email == "pops.fp@example.org")).one()
    assert [(m.convention, m.role) for m in user.conventions] == [("stockholm", Role.focal_point)]


def test_the_cli_gives_a_new_national_user_the_convention_chosen(app, db):
    unsaid = app.test_cli_runner().invoke(
        args=[
            "ort",
            "create-user",
            "--email",
            "cli.fp@example.org",
            "--role",
            "focal_point",
            "--party",
            "MEX",
            "--password",
            "correct horse battery",
        ]
    )
    assert unsaid.exit_code != 0 and "minamata, stockholm" in unsaid.output  # two are served
    result = app.test_cli_runner().invoke(
        args=[
            "ort",
            "create-user",
            "--email",
            "cli.fp@example.org",
            "--role",
            "focal_point",
            "--party",
            "MEX",
            "--convention",
            "minamata",
            "--password",
            "correct horse battery",
        ]
    )
    assert result.exit_code == 0, result.output
    user = _db.session.scalars(select(User).where(User.email == "cli.fp@example.org")).one()
    assert user.convention_codes == ["minamata"]
    bad = app.test_cli_runner().invoke(
        args=[
            "ort",
            "create-user",
            "--email",
            "cli.x@example.org",
            "--role",
            "focal_point",
            "--party",
            "MEX",
            "--convention",
            "nothing",
        ]
    )
    assert bad.exit_code != 0 and "--convention" in bad.output
