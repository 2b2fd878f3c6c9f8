"""conventions as data: a convention table, each Party's membership of each convention
with that convention's dates, and the convention of every reporting cycle

Existing Parties' dates become their Minamata memberships and existing cycles Minamata's
(the only convention served before).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 04:50:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    convention = op.create_table(
        "convention",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_convention")),
    )
    op.bulk_insert(convention, [{"code": "minamata", "title": "Minamata Convention on Mercury"}])
    op.create_table(
        "party_membership",
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("convention", sa.String(length=20), nullable=False),
        sa.Column("ratification_date", sa.Date(), nullable=True),
        sa.Column("entry_into_force", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["convention"],
            ["convention.code"],
            name=op.f("fk_party_membership_convention_convention"),
        ),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_party_membership_party_id_party")
        ),
        sa.PrimaryKeyConstraint("party_id", "convention", name=op.f("pk_party_membership")),
    )
    op.execute(
        "INSERT INTO party_membership (party_id, convention, ratification_date, "
        "entry_into_force) SELECT id, 'minamata', ratification_date, entry_into_force "
        "FROM party"
    )
    with op.batch_alter_table("party", schema=None) as batch_op:
        batch_op.drop_column("entry_into_force")
        batch_op.drop_column("ratification_date")

    with op.batch_alter_table("reporting_cycle", schema=None) as batch_op:
        batch_op.add_column(sa.Column("convention", sa.String(length=20), nullable=True))
    op.execute("UPDATE reporting_cycle SET convention = 'minamata'")
    with op.batch_alter_table("reporting_cycle", schema=None) as batch_op:
        batch_op.alter_column("convention", existing_type=sa.String(length=20), nullable=False)
        batch_op.create_index(
            batch_op.f("ix_reporting_cycle_convention"), ["convention"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_reporting_cycle_convention_convention"),
            "convention",
            ["convention"],
            ["code"],
        )


def downgrade():
    with op.batch_alter_table("reporting_cycle", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_reporting_cycle_convention_convention"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_reporting_cycle_convention"))
        batch_op.drop_column("convention")

    with op.batch_alter_table("party", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ratification_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("entry_into_force", sa.Date(), nullable=True))
    op.execute(
        "UPDATE party SET ratification_date = (SELECT m.ratification_date FROM "
        "party_membership m WHERE m.party_id = party.id AND m.convention = 'minamata'), "
        "entry_into_force = (SELECT m.entry_into_force FROM party_membership m "
        "WHERE m.party_id = party.id AND m.convention = 'minamata')"
    )
    op.drop_table("party_membership")
    op.drop_table("convention")
