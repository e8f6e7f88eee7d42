"""Reminder preferences, and reminder occurrences with their unique keys."""

from datetime import date, datetime

from sqlalchemy import Date, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from persistence.base import Base, UTCDateTime, WorkspaceScoped


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
    off_kinds: Mapped[str] = mapped_column(String(200), default="", server_default="")  # "digest,nudge"; sorted


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
    planned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # the kind's time; the engine may move due_at
    state: Mapped[str] = mapped_column(String(16))
    queued_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    counted_on: Mapped[date | None] = mapped_column(Date)  # the local day whose reminder cap it counts against
    detail: Mapped[str | None] = mapped_column(Text)
