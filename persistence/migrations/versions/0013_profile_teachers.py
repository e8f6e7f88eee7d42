"""profile teachers: an index on profile_skills (kind, user_id), so counting who teaches anything in a workspace (the
rarity of the skills matched to a mentor) reads the index alone

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-10
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_profile_skills_kind_user", "profile_skills", ["enterprise_id", "team_id", "kind", "user_id"])


def downgrade() -> None:
    op.drop_index("ix_profile_skills_kind_user", table_name="profile_skills")
