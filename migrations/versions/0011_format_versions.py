"""format versions: reporting format versions imported from the secretariat's workbook

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 08:10:00

"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "format_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("format_id", sa.String(length=50), nullable=False),
        sa.Column("version", sa.String(length=30), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column(
            "translations",
            sa.JSON(none_as_null=True).with_variant(
                postgresql.JSONB(none_as_null=True), "postgresql"
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["user.id"], name=op.f("fk_format_version_created_by_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_format_version")),
        sa.UniqueConstraint(
            "format_id", "version", name=op.f("uq_format_version_format_id_version")
        ),
    )


def downgrade():
    op.drop_table("format_version")
