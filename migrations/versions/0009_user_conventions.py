"""user conventions: a national user's role in each convention they report under

Every existing national user (focal point or contributor) becomes a member of the
Minamata Convention with the role they have.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 05:00:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "user_convention",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("convention", sa.String(length=20), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "focal_point",
                "contributor",
                "secretariat",
                "admin",
                name="role",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["convention"],
            ["convention.code"],
            name=op.f("fk_user_convention_convention_convention"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_user_convention_user_id_user")
        ),
        sa.PrimaryKeyConstraint("user_id", "convention", name=op.f("pk_user_convention")),
    )
    op.execute(
        "INSERT INTO user_convention (user_id, convention, role) SELECT id, 'minamata', "
        "role FROM \"user\" WHERE role IN ('focal_point', 'contributor')"
    )


def downgrade():
    op.drop_table("user_convention")
