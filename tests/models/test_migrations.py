"""`flask db upgrade` from empty produces exactly the models' schema."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from reporting.extensions import db as _db


def test_migrations_from_empty_match_the_models(app, db):
    # The session database was built by running the migrations from empty.
    # The test's own connection: a second one would wait on its open transaction.
    context = MigrationContext.configure(_db.session.connection(), opts={"compare_type": True})
    diff = compare_metadata(context, _db.metadata)
    assert diff == []


def test_migrations_have_a_single_head(app):
    script = ScriptDirectory(str(app.root_path + "/../migrations"))
    assert len(script.get_heads()) == 1
