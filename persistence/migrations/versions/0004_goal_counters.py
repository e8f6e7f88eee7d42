"""goal numbers move from members to goals' own counters; snoozed reminders keep their kind

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "goal_counters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.String(length=32), nullable=False),
        sa.Column("goal_seq", sa.Integer(), nullable=False),
        sa.Column("enterprise_id", sa.String(length=32), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal_counters")),
        sa.UniqueConstraint(
            "enterprise_id", "team_id", "owner_id", name=op.f("uq_goal_counters_enterprise_id_team_id_owner_id")
        ),
    )
    op.execute(
        "INSERT INTO goal_counters (enterprise_id, team_id, owner_id, goal_seq) "
        "SELECT enterprise_id, team_id, user_id, goal_seq FROM members WHERE goal_seq > 0"
    )
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("goal_seq")
    # Snoozes were a kind of their own, which always said what a check-in says; now a snooze keeps its kind.
    op.execute("UPDATE reminders SET kind = 'checkin' WHERE kind = 'snoozed'")


def downgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("goal_seq", sa.Integer(), nullable=False, server_default="0"))
    op.execute(
        "UPDATE members SET goal_seq = (SELECT c.goal_seq FROM goal_counters c WHERE c.enterprise_id = "
        "members.enterprise_id AND c.team_id = members.team_id AND c.owner_id = members.user_id) "
        "WHERE EXISTS (SELECT 1 FROM goal_counters c WHERE c.enterprise_id = members.enterprise_id "
        "AND c.team_id = members.team_id AND c.owner_id = members.user_id)"
    )
    op.drop_table("goal_counters")
