"""report kinds as data: a cycle's kind is a code its format file declares, not an enum

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 04:45:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_OLD = sa.Enum(
    "short", "full", name="reportkind", native_enum=False, create_constraint=True, length=8
)


def upgrade():
    with op.batch_alter_table("reporting_cycle", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_reporting_cycle_reportkind"), type_="check")
        batch_op.alter_column(
            "kind",
            existing_type=sa.String(length=8),
            type_=sa.String(length=16),
            existing_nullable=False,
        )


def downgrade():
    with op.batch_alter_table("reporting_cycle", schema=None) as batch_op:
        batch_op.alter_column(
            "kind", existing_type=sa.String(length=16), type_=_OLD, existing_nullable=False
        )
