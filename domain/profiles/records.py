"""A growth profile, a mentorship and a growth-chat pair, as the profiles use cases see them."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.shared.skills import Skill

MOST_LISTED = 5  # strengths, and areas to improve
MOST_CAPACITY = 5  # people one mentors at once


class Visibility(StrEnum):
    EVERYONE = "everyone"  # shown to anyone in the workspace, and used for matching
    MANAGER = "manager"  # shown to my confirmed manager in Trellis only
    ONLY_ME = "only_me"  # never shown to anyone else, never matched


@dataclass(frozen=True)
class Profile:
    user_id: str
    visibility: Visibility = Visibility.ONLY_ME  # a profile never saved is shown to no one
    strengths: tuple[str, ...] = ()  # short phrases in my words, at most 5
    areas: tuple[str, ...] = ()  # areas to improve, at most 5
    interests: tuple[Skill, ...] = ()  # matched like skills, not added to the catalogue
    vision: str = ""
    learn: tuple[Skill, ...] = ()  # skills I want to learn
    teach: tuple[Skill, ...] = ()  # skills I can teach
    capacity: int = 0  # how many people I could mentor at once, 0 to 5; 0 is "not mentoring"
    mentees: int = 0  # how many I mentor now: kept by storage, on accept and on end
    chats: bool = False  # opted in to growth chats
    updated_at: datetime | None = None

    @property
    def saved(self) -> bool:
        return self.updated_at is not None

    @property
    def public(self) -> bool:
        return self.visibility is Visibility.EVERYONE


class MentorshipState(StrEnum):
    PENDING = "pending"  # asked; the mentor has not answered
    ACTIVE = "active"
    DECLINED = "declined"
    ENDED = "ended"


@dataclass(frozen=True)
class Mentorship:
    id: int
    mentor_id: str
    mentee_id: str
    state: MentorshipState
    note: str  # the mentee's note with the request
    skills: tuple[str, ...]  # the names of the skills shared when asked
    asked_at: datetime
    started_at: datetime | None = None
    ended_at: datetime | None = None
    ended_by: str | None = None
    end_note: str = ""  # what the one who ended it got out of it

    def involves(self, user_id: str) -> bool:
        return user_id in (self.mentor_id, self.mentee_id)

    def other(self, user_id: str) -> str:
        return self.mentee_id if user_id == self.mentor_id else self.mentor_id


@dataclass(frozen=True)
class ChatPair:
    """Two people paired in a growth-chat round, and what they share (names, for the topic)."""

    id: int
    round_key: str
    first: str
    second: str
    common: tuple[str, ...]
    created_at: datetime
    sent_at: datetime | None = None
