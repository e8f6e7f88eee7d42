"""Manager links, and each workspace's team lock."""

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from persistence.base import Base, UTCDateTime, WorkspaceScoped


class LinkRow(WorkspaceScoped, Base):
    """A manager and a report, pending or confirmed. `confirmed_report_id` is the report's id once confirmed and
    NULL while pending: its unique key gives a report at most one confirmed manager under any race, on SQLite and
    PostgreSQL alike, since NULLs never conflict."""

    __tablename__ = "manager_links"
    __table_args__ = (
        UniqueConstraint("enterprise_id", "team_id", "manager_id", "report_id"),
        UniqueConstraint("enterprise_id", "team_id", "confirmed_report_id"),
        Index("ix_manager_links_manager", "enterprise_id", "team_id", "manager_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    manager_id: Mapped[str] = mapped_column(String(32))
    report_id: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16))  # "pending" or "confirmed"
    asked_by: Mapped[str] = mapped_column(String(32))
    imported: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    confirmed_report_id: Mapped[str | None] = mapped_column(String(32))


class TeamLockRow(WorkspaceScoped, Base):
    """One row per workspace: `UPDATE … SET n = n + 1` on it holds the workspace's links still until commit."""

    __tablename__ = "team_locks"
    __table_args__ = (UniqueConstraint("enterprise_id", "team_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    n: Mapped[int] = mapped_column(Integer, default=0)
