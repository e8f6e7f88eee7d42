"""Goals and what hangs off them: milestones, tasks, check-ins, adjustments, reflections; each owner's goal
counter; and the celebrations channel with its once-only posts."""

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from persistence.base import Base, UTCDateTime, WorkspaceScoped


class GoalRow(WorkspaceScoped, Base):
    __tablename__ = "goals"
    __table_args__ = (
        UniqueConstraint("enterprise_id", "team_id", "owner_id", "number"),
        UniqueConstraint("enterprise_id", "team_id", "source_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[str] = mapped_column(String(32))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    why: Mapped[str] = mapped_column(Text)
    horizon: Mapped[str] = mapped_column(String(16))
    due_on: Mapped[date] = mapped_column(Date)
    starts_on: Mapped[date] = mapped_column(Date)
    measure_kind: Mapped[str] = mapped_column(String(16))
    metric: Mapped[str | None] = mapped_column(String(120))
    target: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(40))
    baseline: Mapped[float] = mapped_column(Float, default=0.0)
    visibility: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    source_key: Mapped[str | None] = mapped_column(String(64))
    supports_id: Mapped[int | None] = mapped_column(ForeignKey("goals.id", ondelete="SET NULL"))
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    paused_days: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # paused time stops pace
    congratulated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # the DM went out: once
    helped_most: Mapped[str | None] = mapped_column(Text)
    skills: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")  # names, as the goal shows them


class GoalPart:
    """Rows that hang off a goal. The goal's workspace and owner are repeated so every query stays scoped."""

    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"), index=True)
    owner_id: Mapped[str] = mapped_column(String(32))


class MilestoneRow(WorkspaceScoped, GoalPart, Base):
    __tablename__ = "milestones"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date] = mapped_column(Date)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class TaskRow(WorkspaceScoped, GoalPart, Base):
    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    milestone_id: Mapped[int | None] = mapped_column(ForeignKey("milestones.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date] = mapped_column(Date)
    urgent: Mapped[bool] = mapped_column(Boolean)
    important: Mapped[bool] = mapped_column(Boolean)
    resource_kind: Mapped[str | None] = mapped_column(String(32))
    resource_link: Mapped[str | None] = mapped_column(Text)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class CheckInRow(WorkspaceScoped, GoalPart, Base):
    __tablename__ = "checkins"
    # A goal's latest check-in and its value from one index entry (a team summary reads hundreds of goals).
    __table_args__ = (Index("ix_checkins_goal_id_at", "goal_id", "at", "id", postgresql_include=["value"]),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    value: Mapped[float | None] = mapped_column(Float)
    confidence: Mapped[int] = mapped_column(Integer)
    blockers: Mapped[str | None] = mapped_column(Text)
    learned: Mapped[str | None] = mapped_column(Text)
    next_step: Mapped[str | None] = mapped_column(Text)


class AdjustmentRow(WorkspaceScoped, GoalPart, Base):
    __tablename__ = "adjustments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    reason: Mapped[str] = mapped_column(Text)
    changes: Mapped[list] = mapped_column(JSON)  # [{"field": …, "before": …, "after": …}]


class ReflectionRow(WorkspaceScoped, GoalPart, Base):
    __tablename__ = "reflections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    happened: Mapped[str | None] = mapped_column(Text)
    learned: Mapped[str | None] = mapped_column(Text)
    differently: Mapped[str | None] = mapped_column(Text)


class WorkspaceSettingsRow(WorkspaceScoped, Base):
    __tablename__ = "workspace_settings"
    __table_args__ = (UniqueConstraint("enterprise_id", "team_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    celebrations_channel: Mapped[str | None] = mapped_column(String(32))


class CelebrationRow(WorkspaceScoped, Base):
    """One row per goal posted to the celebrations channel: the unique key makes the post happen once."""

    __tablename__ = "celebrations"
    __table_args__ = (UniqueConstraint("goal_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"))


class GoalCounterRow(WorkspaceScoped, Base):
    """Each owner's last goal number: `UPDATE … SET goal_seq = goal_seq + 1` hands out the next one."""

    __tablename__ = "goal_counters"
    __table_args__ = (UniqueConstraint("enterprise_id", "team_id", "owner_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[str] = mapped_column(String(32))
    goal_seq: Mapped[int] = mapped_column(Integer, default=0)
