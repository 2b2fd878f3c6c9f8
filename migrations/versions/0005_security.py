"""security: revocable sessions, login lockout, one password link at a time, secret mails,
an append-only audit trail

Mails already in the outbox whose purpose carries a link (password links, invitations)
are marked secret, so that no page shows them again.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 21:50:00

"""

from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

#: Tables whose rows are never changed or removed once written.
APPEND_ONLY = ("audit_event",)


def upgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("session_version", sa.Integer(), server_default="1", nullable=False)
        )
        batch_op.add_column(
            sa.Column("failed_logins", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("reset_nonce", sa.String(length=32), nullable=True))
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("secret", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    outbox = sa.table(
        "outbox_message", sa.column("purpose", sa.String), sa.column("secret", sa.Boolean)
    )
    op.execute(
        outbox.update()
        .where(outbox.c.purpose.in_(["password_reset", "invitation"]))
        .values(secret=True)
    )
    _append_only_triggers()


def _append_only_triggers():
    """The audit trail, like submissions, is never altered after the fact, whoever connects
    (TRUNCATE included: on SQLite a table with triggers is never truncated wholesale)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql"
        )
        for table in APPEND_ONLY:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION append_only()"
            )
        for table in (*APPEND_ONLY, "submission"):
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION append_only()"
            )
    else:
        for table in APPEND_ONLY:
            for verb in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for table in (*APPEND_ONLY, "submission"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        for table in APPEND_ONLY:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        op.execute("DROP FUNCTION IF EXISTS append_only()")
    else:
        for table in APPEND_ONLY:
            for verb in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_column("secret")
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("reset_nonce")
        batch_op.drop_column("locked_until")
        batch_op.drop_column("failed_logins")
        batch_op.drop_column("session_version")
