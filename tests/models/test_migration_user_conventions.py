"""Migration 0009: every national user becomes a Minamata member with the role they have."""

from flask_migrate import upgrade
from sqlalchemy import text

from reporting import create_app
from reporting.extensions import db as _db


def test_national_users_become_minamata_members_with_their_role(app, tmp_path):
    scratch = create_app(
        {**app.config, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'old.sqlite3'}"}
    )
    with scratch.app_context():
        upgrade(revision="0008")
        with _db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO party (id, iso3, name, regional_group, kind) VALUES "
                    "(1, 'MEX', 'Mexico', 'latin_america_caribbean', 'state')"
                )
            )
            for user_id, role, party in (
                (1, "focal_point", 1),
                (2, "contributor", 1),
                (3, "secretariat", None),
                (4, "admin", None),
            ):
                connection.execute(
                    text(
                        'INSERT INTO "user" (id, email, name, role, party_id, active, created_at, '
                        "session_version, failed_logins) VALUES (:id, :email, '', :role, :party, "
                        "1, '2024-01-01 00:00:00', 1, 0)"
                    ),
                    {
                        "id": user_id,
                        "email": f"u{user_id}@example.org",
                        "role": role,
                        "party": party,
                    },
                )
        upgrade(revision="0009")
        with _db.engine.begin() as connection:
            rows = connection.execute(
                text("SELECT user_id, convention, role FROM user_convention ORDER BY user_id")
            ).all()
        assert [tuple(r) for r in rows] == [
            (1, "minamata", "focal_point"),
            (2, "minamata", "contributor"),
        ]
        _db.engine.dispose()
