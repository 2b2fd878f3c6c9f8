"""Migration 0007 keeps every cycle and its kind, and lets kinds be any code of a format."""

from flask_migrate import upgrade
from sqlalchemy import text

from reporting import create_app
from reporting.extensions import db as _db


def test_cycles_keep_their_kind_and_take_codes_the_old_enum_refused(app, tmp_path):
    scratch = create_app(
        {**app.config, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'old.sqlite3'}"}
    )
    with scratch.app_context():
        upgrade(revision="0006")
        with _db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO reporting_cycle (id, code, year, kind, period_start, period_end, "
                    "due_date, format_id, format_version) VALUES (1, '2023-short', 2023, 'short', "
                    "'2021-01-01', '2022-12-31', '2023-12-31', 'minamata', '2023.1')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO party (id, iso3, name, regional_group, kind) VALUES "
                    "(1, 'MEX', 'Mexico', 'latin_america_caribbean', 'state')"
                )
            )
            connection.execute(
                text(  # a report refers to the cycle the migration rebuilds
                    "INSERT INTO report (id, party_id, cycle_id, status, language, "
                    "submitted_versions, created_at, updated_at, lock_version) VALUES "
                    "(1, 1, 1, 'draft', 'en', 0, '2024-01-01 00:00:00', '2024-01-01 00:00:00', 1)"
                )
            )
        upgrade(revision="0007")
        with _db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO reporting_cycle (id, code, year, kind, period_start, period_end, "
                    "due_date, format_id, format_version) VALUES (2, '2029-annual', 2029, "
                    "'annual', '2028-01-01', '2028-12-31', '2029-12-31', 'other', '1')"
                )
            )
            kinds = connection.execute(
                text("SELECT code, kind FROM reporting_cycle ORDER BY id")
            ).all()
            report_cycle = connection.execute(text("SELECT cycle_id FROM report")).scalar()
        assert [tuple(k) for k in kinds] == [("2023-short", "short"), ("2029-annual", "annual")]
        assert report_cycle == 1
        _db.engine.dispose()
