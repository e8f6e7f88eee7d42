"""Feedback requests, each person asked, the answers, each requester's request counter, and the workspace's
feedback settings and templates."""

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint, false, true
from sqlalchemy.orm import Mapped, mapped_column

from persistence.base import Base, UTCDateTime, WorkspaceScoped


class RequestRow(WorkspaceScoped, Base):
    __tablename__ = "feedback_requests"
    __table_args__ = (UniqueConstraint("enterprise_id", "team_id", "requester_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int] = mapped_column(Integer)
    requester_id: Mapped[str] = mapped_column(String(32))
    asked_on: Mapped[date] = mapped_column(Date)
    deadline: Mapped[date] = mapped_column(Date)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    questions: Mapped[list] = mapped_column(JSON)  # [{"text": …, "scale": "text" | "scale"}]
    topic: Mapped[str | None] = mapped_column(Text)
    goal_number: Mapped[int | None] = mapped_column(Integer)
    goal_title: Mapped[str | None] = mapped_column(Text)
    anonymous: Mapped[bool] = mapped_column(Boolean)
    readers: Mapped[str] = mapped_column(String(16))
    extended: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AskRow(WorkspaceScoped, Base):
    """One person asked. No time and no answer: it says only whether they are done, so nothing links them to
    an anonymous answer."""

    __tablename__ = "feedback_asks"
    __table_args__ = (UniqueConstraint("request_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("feedback_requests.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)


class AnswerRow(WorkspaceScoped, Base):
    """An answer, or feedback given without a request (no request_id). An anonymous one has no author_id, and
    every answer keeps only the day it was given."""

    __tablename__ = "feedback_answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("feedback_requests.id", ondelete="CASCADE"), index=True)
    about_id: Mapped[str] = mapped_column(String(32))
    author_id: Mapped[str | None] = mapped_column(String(32))
    given_on: Mapped[date] = mapped_column(Date)
    questions: Mapped[list] = mapped_column(JSON)  # as they were asked
    replies: Mapped[list] = mapped_column(JSON)  # one string for each question


class CounterRow(WorkspaceScoped, Base):
    """Each requester's last request number: `UPDATE … SET seq = seq + 1` hands out the next one."""

    __tablename__ = "feedback_counters"
    __table_args__ = (UniqueConstraint("enterprise_id", "team_id", "requester_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    requester_id: Mapped[str] = mapped_column(String(32))
    seq: Mapped[int] = mapped_column(Integer, default=0)


class SettingsRow(WorkspaceScoped, Base):
    __tablename__ = "feedback_settings"
    __table_args__ = (UniqueConstraint("enterprise_id", "team_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    anonymity_allowed: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class TemplateRow(WorkspaceScoped, Base):
    __tablename__ = "feedback_templates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    questions: Mapped[list] = mapped_column(JSON)
    created_by: Mapped[str] = mapped_column(String(32))
