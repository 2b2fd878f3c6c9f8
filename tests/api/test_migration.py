"""Migration 0004 gives reports accepted before it existed their place in the feed."""

from flask_migrate import upgrade
from sqlalchemy import text
from sqlalchemy.orm import Session

from reporting import create_app
from reporting.api import feed
from reporting.extensions import db as _db


def test_reports_accepted_before_the_feed_existed_are_published_in_it(app, tmp_path):
    scratch = create_app(
        {**app.config, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'old.sqlite3'}"}
    )
    with scratch.app_context():
        upgrade(revision="0001")
        with _db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO party (id, iso3, name, regional_group, kind) VALUES "
                    "(1, 'MEX', 'Mexico', 'latin_america_caribbean', 'state'), "
                    "(2, 'KEN', 'Kenya', 'africa', 'state')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO reporting_cycle (id, code, year, kind, period_start, period_end, "
                    "due_date, format_id, format_version) VALUES (1, '2023-short', 2023, 'short', "
                    "'2021-01-01', '2022-12-31', '2023-12-31', 'minamata', '2023.1')"
                )
            )
            for report_id, status, publish_after in (
                (1, "accepted", "2024-03-01 10:00:00"),
                (2, "submitted", None),
            ):
                connection.execute(
                    text(
                        "INSERT INTO report (id, party_id, cycle_id, status, language, "
                        "submitted_versions, created_at, updated_at, publish_after, lock_version) "
                        "VALUES (:id, :id, 1, :status, 'en', 1, '2024-01-01 00:00:00', "
                        "'2024-01-01 00:00:00', :at, 1)"
                    ),
                    {"id": report_id, "status": status, "at": publish_after},
                )
        upgrade(revision="0004")
        with Session(_db.engine) as session:
            assert feed.release_due(session) == 1
            session.commit()
            page = feed.read_feed(session, 0, 10, everything=False)
            assert [(i["event"], i["report"]["party"], i["version"]) for i in page.items] == [
                ("report.published", "MEX", 1)
            ]
        _db.engine.dispose()
