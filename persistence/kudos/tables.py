"""Kudos and their recipients, each giver's weekly allowance, and the workspace's kudos settings and values."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from persistence.base import Base, UTCDateTime, WorkspaceScoped


class KudosRow(WorkspaceScoped, Base):
    """A kudos as given. The value and the goal it celebrates are copied, so renaming them later keeps it whole."""

    __tablename__ = "kudos"
    __table_args__ = (
        UniqueConstraint("enterprise_id", "team_id", "view_id"),
        Index("ix_kudos_giver_given_at", "enterprise_id", "team_id", "giver_id", "given_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    giver_id: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text)
    value_name: Mapped[str | None] = mapped_column(String(64))
    value_emoji: Mapped[str | None] = mapped_column(String(100))
    channel_id: Mapped[str | None] = mapped_column(String(32))  # None: private
    post_ts: Mapped[str | None] = mapped_column(String(32))  # the public post, in channel_id
    link: Mapped[str | None] = mapped_column(Text)
    goal_owner_id: Mapped[str | None] = mapped_column(String(32))
    goal_number: Mapped[int | None] = mapped_column(Integer)
    goal_title: Mapped[str | None] = mapped_column(Text)
    milestone: Mapped[str | None] = mapped_column(Text)
    week: Mapped[date] = mapped_column(Date)
    given_at: Mapped[datetime] = mapped_column(UTCDateTime())
    view_id: Mapped[str | None] = mapped_column(String(100))  # the modal's: one kudos per submission


class RecipientRow(WorkspaceScoped, Base):
    """One person a kudos is for, in the order they were named, and where their DM went."""

    __tablename__ = "kudos_recipients"
    __table_args__ = (
        UniqueConstraint("kudos_id", "user_id"),
        Index("ix_kudos_recipients_user", "enterprise_id", "team_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kudos_id: Mapped[int] = mapped_column(ForeignKey("kudos.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(32))
    dm_channel: Mapped[str | None] = mapped_column(String(32))
    dm_ts: Mapped[str | None] = mapped_column(String(32))


class AllowanceRow(WorkspaceScoped, Base):
    """How many kudos a giver used in a week: `UPDATE … SET used = used + n WHERE used + n <= limit` takes them."""

    __tablename__ = "kudos_allowances"
    __table_args__ = (UniqueConstraint("enterprise_id", "team_id", "giver_id", "week"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    giver_id: Mapped[str] = mapped_column(String(32))
    week: Mapped[date] = mapped_column(Date)  # its Monday, in the giver's zone
    used: Mapped[int] = mapped_column(Integer, default=0)


class SettingsRow(WorkspaceScoped, Base):
    __tablename__ = "kudos_settings"
    __table_args__ = (UniqueConstraint("enterprise_id", "team_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    allowance: Mapped[int | None] = mapped_column(Integer)  # None: the default


class ValueRow(WorkspaceScoped, Base):
    __tablename__ = "kudos_values"
    __table_args__ = (UniqueConstraint("enterprise_id", "team_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    emoji: Mapped[str | None] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer)
