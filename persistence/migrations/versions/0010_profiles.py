"""profiles: growth profiles and their skills, the workspace's skill catalogue, mentorships, and growth-chat rounds
and pairs

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def workspace() -> list[sa.Column]:
    return [
        sa.Column("enterprise_id", sa.String(length=32), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("visibility", sa.String(length=16), nullable=False),
        sa.Column("strengths", sa.JSON(), nullable=False),
        sa.Column("areas", sa.JSON(), nullable=False),
        sa.Column("vision", sa.Text(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("mentees", sa.Integer(), nullable=False),
        sa.Column("chats", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        *workspace(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profiles")),
        sa.UniqueConstraint(
            "enterprise_id", "team_id", "user_id", name=op.f("uq_profiles_enterprise_id_team_id_user_id")
        ),
    )
    op.create_table(
        "profile_skills",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *workspace(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile_skills")),
        sa.UniqueConstraint(
            "enterprise_id",
            "team_id",
            "user_id",
            "kind",
            "key",
            name=op.f("uq_profile_skills_enterprise_id_team_id_user_id_kind_key"),
        ),
    )
    op.create_index("ix_profile_skills_kind_key", "profile_skills", ["enterprise_id", "team_id", "kind", "key"])
    op.create_table(
        "skills",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        *workspace(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skills")),
        sa.UniqueConstraint("enterprise_id", "team_id", "key", name=op.f("uq_skills_enterprise_id_team_id_key")),
    )
    op.create_table(
        "mentorships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentor_id", sa.String(length=32), nullable=False),
        sa.Column("mentee_id", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("skills", sa.JSON(), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_by", sa.String(length=32), nullable=True),
        sa.Column("end_note", sa.Text(), nullable=False),
        sa.Column("open_pair", sa.String(length=80), nullable=True),
        *workspace(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentorships")),
        sa.UniqueConstraint(
            "enterprise_id", "team_id", "open_pair", name=op.f("uq_mentorships_enterprise_id_team_id_open_pair")
        ),
    )
    op.create_index("ix_mentorships_mentor", "mentorships", ["enterprise_id", "team_id", "mentor_id"])
    op.create_index("ix_mentorships_mentee", "mentorships", ["enterprise_id", "team_id", "mentee_id"])
    op.create_table(
        "chat_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_key", sa.String(length=32), nullable=False),
        sa.Column("left_out", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        *workspace(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chat_rounds")),
        sa.UniqueConstraint(
            "enterprise_id", "team_id", "round_key", name=op.f("uq_chat_rounds_enterprise_id_team_id_round_key")
        ),
    )
    op.create_table(
        "chat_pairs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_key", sa.String(length=32), nullable=False),
        sa.Column("first_id", sa.String(length=32), nullable=False),
        sa.Column("second_id", sa.String(length=32), nullable=False),
        sa.Column("common", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("tries", sa.Integer(), nullable=False),
        *workspace(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chat_pairs")),
    )
    op.create_index("ix_chat_pairs_created_at", "chat_pairs", ["enterprise_id", "team_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_chat_pairs_created_at", table_name="chat_pairs")
    op.drop_table("chat_pairs")
    op.drop_table("chat_rounds")
    op.drop_index("ix_mentorships_mentee", table_name="mentorships")
    op.drop_index("ix_mentorships_mentor", table_name="mentorships")
    op.drop_table("mentorships")
    op.drop_table("skills")
    op.drop_index("ix_profile_skills_kind_key", table_name="profile_skills")
    op.drop_table("profile_skills")
    op.drop_table("profiles")
