"""The database schema. Every table is keyed by workspace: (enterprise_id, team_id)."""

from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """Stores UTC instants; always hands back timezone-aware datetimes, also on SQLite."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class WorkspaceScoped:
    enterprise_id: Mapped[str] = mapped_column(String(32), default="")
    team_id: Mapped[str] = mapped_column(String(32))


class MemberRow(WorkspaceScoped, Base):
    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("enterprise_id", "team_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32))
    display_name: Mapped[str] = mapped_column(String(255))
    tz: Mapped[str] = mapped_column(String(64))
    refreshed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    goal_seq: Mapped[int] = mapped_column(Integer, default=0)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


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


class ReminderPrefsRow(WorkspaceScoped, Base):
    __tablename__ = "reminder_prefs"
    __table_args__ = (UniqueConstraint("enterprise_id", "team_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32))
    cadence: Mapped[str] = mapped_column(String(16))
    weekday: Mapped[int] = mapped_column(Integer)
    at: Mapped[str] = mapped_column(String(5))  # "HH:MM", local
    working_days: Mapped[str] = mapped_column(String(13))  # "0,1,2,3,4"; Monday is 0
    work_start: Mapped[str] = mapped_column(String(5))
    work_end: Mapped[str] = mapped_column(String(5))
    tz: Mapped[str | None] = mapped_column(String(64))
    holiday_country: Mapped[str | None] = mapped_column(String(8))
    paused_until: Mapped[date | None] = mapped_column(Date)


class ReminderRow(WorkspaceScoped, Base):
    """One occurrence of a reminder. Its unique key means a restart or a retry never plans it twice."""

    __tablename__ = "reminders"
    __table_args__ = (
        UniqueConstraint("enterprise_id", "team_id", "user_id", "kind", "key"),
        Index("ix_reminders_state_due_at", "state", "due_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    state: Mapped[str] = mapped_column(String(16))
    queued_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    counted_on: Mapped[date | None] = mapped_column(Date)  # the local day whose reminder cap it counts against
    detail: Mapped[str | None] = mapped_column(Text)
