"""report.not_carried: the previous report's answers that could not be carried over

A report started from a report of an older format version lists the answers whose
question was split or dropped. Existing reports have none (NULL).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 08:10:00

"""

from alembic import op
import sqlalchemy as sa

from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("report") as batch:
        batch.add_column(
            sa.Column(
                "not_carried",
                sa.JSON(none_as_null=True).with_variant(
                    postgresql.JSONB(none_as_null=True, astext_type=sa.Text()), "postgresql"
                ),
                nullable=True,
            )
        )


def downgrade():
    with op.batch_alter_table("report") as batch:
        batch.drop_column("not_carried")
