"""teams: manager links, each workspace's team lock, the reminder kinds a person turned off, and an index for
reading a goal's latest check-in

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def workspace() -> list[sa.Column]:
    return [
        sa.Column("enterprise_id", sa.String(length=32), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "manager_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("manager_id", sa.String(length=32), nullable=False),
        sa.Column("report_id", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("asked_by", sa.String(length=32), nullable=False),
        sa.Column("imported", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("confirmed_report_id", sa.String(length=32), nullable=True),
        *workspace(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_manager_links")),
        sa.UniqueConstraint(
            "enterprise_id",
            "team_id",
            "manager_id",
            "report_id",
            name=op.f("uq_manager_links_enterprise_id_team_id_manager_id_report_id"),
        ),
        sa.UniqueConstraint(
            "enterprise_id",
            "team_id",
            "confirmed_report_id",
            name=op.f("uq_manager_links_enterprise_id_team_id_confirmed_report_id"),
        ),
    )
    op.create_index("ix_manager_links_manager", "manager_links", ["enterprise_id", "team_id", "manager_id"])
    op.create_index("ix_checkins_goal_id_at", "checkins", ["goal_id", "at", "id"], postgresql_include=["value"])
    op.create_table(
        "team_locks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        *workspace(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_locks")),
        sa.UniqueConstraint("enterprise_id", "team_id", name=op.f("uq_team_locks_enterprise_id_team_id")),
    )
    with op.batch_alter_table("reminder_prefs") as batch:
        batch.add_column(sa.Column("off_kinds", sa.String(length=200), nullable=False, server_default=""))


def downgrade() -> None:
    op.drop_index("ix_checkins_goal_id_at", table_name="checkins")
    with op.batch_alter_table("reminder_prefs") as batch:
        batch.drop_column("off_kinds")
    op.drop_table("team_locks")
    op.drop_index("ix_manager_links_manager", table_name="manager_links")
    op.drop_table("manager_links")
