"""Migration 0008: Parties' dates become their Minamata memberships, cycles Minamata's."""

from flask_migrate import upgrade
from sqlalchemy import text

from reporting import create_app
from reporting.extensions import db as _db


def test_party_dates_become_minamata_memberships_and_cycles_minamata_cycles(app, tmp_path):
    scratch = create_app(
        {**app.config, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'old.sqlite3'}"}
    )
    with scratch.app_context():
        upgrade(revision="0007")
        with _db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO party (id, iso3, name, regional_group, kind, ratification_date, "
                    "entry_into_force) VALUES (1, 'MEX', 'Mexico', 'latin_america_caribbean', "
                    "'state', '2015-09-29', '2017-08-16'), (2, 'XXX', 'Nowhere', 'africa', "
                    "'state', NULL, NULL)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO reporting_cycle (id, code, year, kind, period_start, period_end, "
                    "due_date, format_id, format_version) VALUES (1, '2023-short', 2023, 'short', "
                    "'2021-01-01', '2022-12-31', '2023-12-31', 'minamata', '2023.1')"
                )
            )
        upgrade(revision="0008")
        with _db.engine.begin() as connection:
            members = connection.execute(
                text(
                    "SELECT party_id, convention, ratification_date, entry_into_force "
                    "FROM party_membership ORDER BY party_id"
                )
            ).all()
            cycles = connection.execute(text("SELECT code, convention FROM reporting_cycle")).all()
            columns = {c["name"] for c in _db.inspect(connection).get_columns("party")}
        assert [tuple(map(str, m)) for m in members] == [
            ("1", "minamata", "2015-09-29", "2017-08-16"),
            ("2", "minamata", "None", "None"),
        ]
        assert [tuple(c) for c in cycles] == [("2023-short", "minamata")]
        assert "ratification_date" not in columns
        _db.engine.dispose()
