"""Migration 0012_assignments: a new table; the data already there stays, both ways."""

from datetime import date

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, make_url, text
from sqlalchemy.orm import Session

from reporting import create_app
from reporting.extensions import db as _db
from reporting.models import Party, Report, ReportingCycle, Role, User


@pytest.fixture
def scratch_url(app, tmp_path):
    """An empty database of the test database's kind: a file for SQLite, a new database
    on the same server for PostgreSQL (dropped after)."""
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "postgresql":
        yield f"sqlite:///{tmp_path / 'old.sqlite3'}"
        return
    name = f"{url.database}_mig0012"
    server = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        server.dispose()


def test_upgrade_keeps_the_data_and_downgrade_removes_only_the_assignments(app, scratch_url):
    scratch = create_app({**app.config, "SQLALCHEMY_DATABASE_URI": scratch_url})
    with scratch.app_context():
        upgrade(revision="0011")
        party = Party(iso3="ZZZ", name="Testland", regional_group="latin_america_caribbean")
        cycle = ReportingCycle(
            code="2099-test",
            year=2023,
            convention="minamata",
            kind="short",
            period_start=date(2021, 1, 1),
            period_end=date(2022, 12, 31),
            due_date=date(2023, 12, 31),
            format_id="minamata",
            format_version="2023.1",
        )
        user = User(email="fp@example.org", role=Role.contributor, party=party)
        report = Report(party=party, cycle=cycle)
        # A session of the scratch database (the test's `db.session` is the test database's).
        with Session(_db.engine) as session:
            session.add_all([party, cycle, user, report])
            session.commit()
            ids = (party.id, cycle.id, user.id, report.id)

        upgrade(revision="0012_assignments")
        with _db.engine.begin() as connection:
            assert connection.execute(text("SELECT count(*) FROM report")).scalar() == 1
            connection.execute(
                text(
                    "INSERT INTO assignment (report_id, page_key, user_id, assigned_at) "
                    "VALUES (:report, 'art3', :user, '2026-12-04 10:00:00')"
                ),
                {"report": ids[3], "user": ids[2]},
            )
        downgrade(revision="0011")
        assert "assignment" not in inspect(_db.engine).get_table_names()
        with _db.engine.begin() as connection:
            kept = connection.execute(
                text(
                    'SELECT r.party_id, r.cycle_id, u.id, r.id FROM report r, "user" u '
                    "WHERE u.party_id = r.party_id"
                )
            ).one()
        assert tuple(kept) == ids
        upgrade()  # and up again to the head
        assert "assignment" in inspect(_db.engine).get_table_names()
        _db.engine.dispose()
