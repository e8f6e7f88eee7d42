"""The member directory's table: each person's cached Slack profile."""

from datetime import datetime

from sqlalchemy import Boolean, Integer, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from persistence.base import Base, UTCDateTime, WorkspaceScoped


class MemberRow(WorkspaceScoped, Base):
    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("enterprise_id", "team_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32))
    display_name: Mapped[str] = mapped_column(String(255))
    tz: Mapped[str] = mapped_column(String(64))
    refreshed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
