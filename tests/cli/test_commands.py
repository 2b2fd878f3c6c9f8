"""The `ort` CLI: seed, formats, cycles, users, demo."""

import json

from sqlalchemy import func, select

from reporting.extensions import db as _db
from reporting.models import Answer, Party, Report, ReportingCycle, User
from reporting.seed import seed_all


def _counts():
    return (
        _db.session.scalar(select(func.count()).select_from(Party)),
        _db.session.scalar(select(func.count()).select_from(ReportingCycle)),
    )


def test_seed_twice_changes_nothing(app, db):
    before = _counts()
    assert seed_all() == {"conventions": 0, "parties": 0, "memberships": 0, "cycles": 0}
    assert _counts() == before


def test_seed_loads_every_party_including_the_european_union(db):
    eu = _db.session.scalars(select(Party).where(Party.iso3 == "EUU")).one()
    assert eu.kind == "reio" and eu.regional_group.value == "western_europe_others"
    assert _counts()[0] > 100


def test_seed_restores_a_changed_party(db):
    party = _db.session.scalars(select(Party).where(Party.iso3 == "MEX")).one()
    party.name = "Changed"
    _db.session.flush()
    assert seed_all()["parties"] == 1
    assert party.name != "Changed"


def test_cycles_lists_kind_period_due_date_and_format(app):
    result = app.test_cli_runner().invoke(args=["ort", "cycles"])
    assert result.exit_code == 0
    line = next(line for line in result.output.splitlines() if line.startswith("2023-short"))
    assert "short" in line and "2021-01-01 .. 2022-12-31" in line and "due 2023-12-31" in line
    assert "minamata 2023.1" in line


def test_format_list_shows_versions_and_cycles(app):
    result = app.test_cli_runner().invoke(args=["ort", "format", "list"])
    assert result.exit_code == 0
    assert "minamata\t2023.1" in result.output and "2025-full" in result.output


def test_format_check_accepts_a_good_file_and_reports_bad_paths(app, tmp_path):
    runner = app.test_cli_runner()
    good = runner.invoke(
        args=["ort", "format", "check", "reporting/questionnaire/formats/minamata-2023.yaml"]
    )
    assert good.exit_code == 0 and "OK: minamata 2023.1" in good.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nversion: '1'\ntitle: t\nparts: [{key: A, title: a, sections: []}]\n")
    result = runner.invoke(args=["ort", "format", "check", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}: parts[0].sections:" in result.output


def test_format_export_json_has_parts_questions_keys_kinds_and_short_flags(app):
    result = app.test_cli_runner().invoke(args=["ort", "format", "export", "minamata", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["id"] == "minamata" and "2023-short" in data["cycles"]
    question = data["parts"][1]["sections"][0]["questions"][0]
    assert {"key", "number", "text", "kind", "short"} <= set(question)
    assert len(data["short_report"]) > 4


def test_create_user_creates_a_focal_point_with_a_generated_password(app, db):
    result = app.test_cli_runner().invoke(
        args=[
            "ort",
            "create-user",
            "--email",
            "New.FP@Example.org",
            "--role",
            "focal_point",
            "--party",
            "mex",
            "--convention",
            "minamata",
        ]
    )
    assert result.exit_code == 0, result.output
    password = result.output.split("Password: ")[1].strip()
    user = _db.session.scalars(select(User).where(User.email == "new.fp@example.org")).one()
    assert user.party.iso3 == "MEX" and user.check_password(password)


def test_create_user_refuses_a_focal_point_without_party(app):
    result = app.test_cli_runner().invoke(
        args=["ort", "create-user", "--email", "x@example.org", "--role", "focal_point"]
    )
    assert result.exit_code != 0 and "--party is required" in result.output


def test_demo_creates_users_of_every_role_and_reports_and_prints_logins(app, db):
    result = app.test_cli_runner().invoke(args=["ort", "demo"])
    assert result.exit_code == 0, result.output
    assert "demo-2026" in result.output
    for role in ("admin", "secretariat", "focal_point", "contributor"):
        assert role in result.output
    statuses = {r.status.value for r in _db.session.scalars(select(Report))}
    assert statuses == {"draft", "submitted", "returned", "accepted"}


def test_demo_reports_read_like_real_ones(app, db):
    """Demo answers fit their questions, and the 'submitted by someone else' section stays empty."""
    assert app.test_cli_runner().invoke(args=["ort", "demo"]).exit_code == 0
    answers = _db.session.scalars(select(Answer)).all()
    assert not [a for a in answers if a.question_key.startswith("party.submitter.")]
    phones = {a.value_text for a in answers if a.question_key == "party.focal_point.telephone"}
    assert phones and all(p.startswith("+") for p in phones)
