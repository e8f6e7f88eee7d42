"""Feedback as it is kept: a request, each person asked, and the workspace's settings."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

from domain.feedback.model import Question, Readers


class AskState(Enum):
    WAITING = "waiting"
    DONE = "done"  # answered, named or anonymously: the record says no more, so nothing links it to an answer
    DECLINED = "declined"


@dataclass(frozen=True)
class FeedbackRequest:
    id: int
    number: int  # the requester's own count: /feedback show 2
    requester_id: str
    asked_on: date  # in the requester's zone
    deadline: date
    closes_at: datetime  # the end of the deadline day in the requester's zone, or when they closed it early
    questions: tuple[Question, ...]
    topic: str | None
    goal_number: int | None
    goal_title: str | None
    anonymous: bool  # people may answer anonymously
    readers: Readers
    extended: bool = False

    def is_open(self, now: datetime) -> bool:
        return now < self.closes_at

    @property
    def about(self) -> str | None:
        """What the request is about, in the requester's words or as their goal's title."""
        if self.goal_title:
            return f"goal #{self.goal_number}: {self.goal_title}"
        return self.topic


@dataclass(frozen=True)
class Ask:
    """One person asked. Its state says whether they are done, never which answer is theirs."""

    request_id: int
    user_id: str
    state: AskState
    reason: str | None = None  # why they declined, if they said


@dataclass(frozen=True)
class Tally:
    asked: int
    answered: int
    declined: int

    @property
    def waiting(self) -> int:
        return self.asked - self.answered - self.declined

    def text(self) -> str:
        declined = f", {self.declined} declined" if self.declined else ""
        return f"{self.answered} of {self.asked} answered{declined}"


def tally(asks: list[Ask]) -> Tally:
    return Tally(
        len(asks),
        sum(a.state is AskState.DONE for a in asks),
        sum(a.state is AskState.DECLINED for a in asks),
    )


def end_of_day(day: date, zone: ZoneInfo) -> datetime:
    """The first instant after `day` in `zone`, in UTC."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)


@dataclass(frozen=True)
class Given:
    """An answer as the person who gave it with their name sees it: to whom, when, and what they said."""

    about_id: str
    given_on: date
    questions: tuple[Question, ...]
    replies: tuple[str, ...]
