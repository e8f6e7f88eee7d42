"""kudos: kudos and their recipients, weekly allowances, settings and values

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def workspace() -> list[sa.Column]:
    return [
        sa.Column("enterprise_id", sa.String(length=32), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "kudos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("giver_id", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("value_name", sa.String(length=64), nullable=True),
        sa.Column("value_emoji", sa.String(length=100), nullable=True),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("post_ts", sa.String(length=32), nullable=True),
        sa.Column("link", sa.Text(), nullable=True),
        sa.Column("goal_owner_id", sa.String(length=32), nullable=True),
        sa.Column("goal_number", sa.Integer(), nullable=True),
        sa.Column("goal_title", sa.Text(), nullable=True),
        sa.Column("milestone", sa.Text(), nullable=True),
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("given_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("view_id", sa.String(length=100), nullable=True),
        *workspace(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kudos")),
        sa.UniqueConstraint("enterprise_id", "team_id", "view_id", name=op.f("uq_kudos_enterprise_id_team_id_view_id")),
    )
    op.create_index("ix_kudos_giver_given_at", "kudos", ["enterprise_id", "team_id", "giver_id", "given_at"])
    op.create_table(
        "kudos_recipients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kudos_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("dm_channel", sa.String(length=32), nullable=True),
        sa.Column("dm_ts", sa.String(length=32), nullable=True),
        *workspace(),
        sa.ForeignKeyConstraint(
            ["kudos_id"], ["kudos.id"], name=op.f("fk_kudos_recipients_kudos_id_kudos"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kudos_recipients")),
        sa.UniqueConstraint("kudos_id", "user_id", name=op.f("uq_kudos_recipients_kudos_id_user_id")),
    )
    op.create_index("ix_kudos_recipients_user", "kudos_recipients", ["enterprise_id", "team_id", "user_id"])
    op.create_table(
        "kudos_allowances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("giver_id", sa.String(length=32), nullable=False),
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("used", sa.Integer(), nullable=False),
        *workspace(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kudos_allowances")),
        sa.UniqueConstraint(
            "enterprise_id",
            "team_id",
            "giver_id",
            "week",
            name=op.f("uq_kudos_allowances_enterprise_id_team_id_giver_id_week"),
        ),
    )
    op.create_table(
        "kudos_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("allowance", sa.Integer(), nullable=True),
        *workspace(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kudos_settings")),
        sa.UniqueConstraint("enterprise_id", "team_id", name=op.f("uq_kudos_settings_enterprise_id_team_id")),
    )
    op.create_table(
        "kudos_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("emoji", sa.String(length=100), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        *workspace(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kudos_values")),
        sa.UniqueConstraint(
            "enterprise_id", "team_id", "name", name=op.f("uq_kudos_values_enterprise_id_team_id_name")
        ),
    )


def downgrade() -> None:
    op.drop_table("kudos_values")
    op.drop_table("kudos_settings")
    op.drop_table("kudos_allowances")
    op.drop_index("ix_kudos_recipients_user", table_name="kudos_recipients")
    op.drop_table("kudos_recipients")
    op.drop_index("ix_kudos_giver_given_at", table_name="kudos")
    op.drop_table("kudos")
