"""Growth profiles and their skills, the workspace's skill catalogue, mentorships, and growth-chat rounds and pairs."""

from datetime import datetime

from sqlalchemy import JSON, Boolean, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from persistence.base import Base, UTCDateTime, WorkspaceScoped


class ProfileRow(WorkspaceScoped, Base):
    """A person's growth profile. `mentees` is kept by storage alone: `UPDATE … SET mentees = mentees + 1 WHERE
    mentees < capacity` takes a mentoring place, so racing accepts never overfill a mentor."""

    __tablename__ = "profiles"
    __table_args__ = (UniqueConstraint("enterprise_id", "team_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32))
    visibility: Mapped[str] = mapped_column(String(16))  # "everyone", "manager" or "only_me"
    strengths: Mapped[list] = mapped_column(JSON)  # [str]
    areas: Mapped[list] = mapped_column(JSON)  # [str]
    vision: Mapped[str] = mapped_column(Text)
    capacity: Mapped[int] = mapped_column(Integer)
    mentees: Mapped[int] = mapped_column(Integer, default=0)
    chats: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # None: never saved


class ProfileSkillRow(WorkspaceScoped, Base):
    """One skill a person wants to learn or can teach, or one interest, in the order they gave them. The index on
    (kind, key) finds who teaches a skill without reading every profile; the one on (kind, user_id) counts who teaches
    anything from the index alone."""

    __tablename__ = "profile_skills"
    __table_args__ = (
        UniqueConstraint("enterprise_id", "team_id", "user_id", "kind", "key"),
        Index("ix_profile_skills_kind_key", "enterprise_id", "team_id", "kind", "key"),
        Index("ix_profile_skills_kind_user", "enterprise_id", "team_id", "kind", "user_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))  # "learn", "teach" or "interest"
    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)


class SkillRow(WorkspaceScoped, Base):
    """The workspace's catalogue of skills, one per key, named as first added."""

    __tablename__ = "skills"
    __table_args__ = (UniqueConstraint("enterprise_id", "team_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class MentorshipRow(WorkspaceScoped, Base):
    """A mentor and a mentee, from request to end. `open_pair` is "mentor:mentee" while pending or active and NULL
    once declined or ended: its unique key allows one open mentorship per pair under any race, since NULLs never
    conflict."""

    __tablename__ = "mentorships"
    __table_args__ = (
        UniqueConstraint("enterprise_id", "team_id", "open_pair"),
        Index("ix_mentorships_mentor", "enterprise_id", "team_id", "mentor_id"),
        Index("ix_mentorships_mentee", "enterprise_id", "team_id", "mentee_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mentor_id: Mapped[str] = mapped_column(String(32))
    mentee_id: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16))  # "pending", "active", "declined" or "ended"
    note: Mapped[str] = mapped_column(Text)
    skills: Mapped[list] = mapped_column(JSON)  # [name]
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ended_by: Mapped[str | None] = mapped_column(String(32))
    end_note: Mapped[str] = mapped_column(Text, default="")
    open_pair: Mapped[str | None] = mapped_column(String(80))


class ChatRoundRow(WorkspaceScoped, Base):
    """One growth-chat round: its unique key lets one caller start it; who was left out goes first next time."""

    __tablename__ = "chat_rounds"
    __table_args__ = (UniqueConstraint("enterprise_id", "team_id", "round_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_key: Mapped[str] = mapped_column(String(32))
    left_out: Mapped[list] = mapped_column(JSON)  # [user id]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ChatPairRow(WorkspaceScoped, Base):
    """Two people paired in a round, and their group DM: `sent_at` is claimed once, and released on failure."""

    __tablename__ = "chat_pairs"
    __table_args__ = (Index("ix_chat_pairs_created_at", "enterprise_id", "team_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_key: Mapped[str] = mapped_column(String(32))
    first_id: Mapped[str] = mapped_column(String(32))
    second_id: Mapped[str] = mapped_column(String(32))
    common: Mapped[list] = mapped_column(JSON)  # [name]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    tries: Mapped[int] = mapped_column(Integer, default=0)
