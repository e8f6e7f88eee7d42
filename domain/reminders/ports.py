"""What the reminder engine needs from outside: storage, the queue, rate limits, and a way to send."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from domain.people.members import Member
from domain.people.ports import MemberRepository
from domain.reminders.model import Reminder, ReminderState
from domain.reminders.preferences import Preferences
from domain.shared.unit_of_work import UnitOfWork
from domain.shared.workspace import WorkspaceKey


class ReminderRepository(Protocol):
    def preferences(self, user_id: str) -> Preferences | None: ...

    def preferences_of(self, user_ids: list[str]) -> dict[str, Preferences]:
        """The preferences of those people who set any."""
        ...

    def save_preferences(self, user_id: str, prefs: Preferences) -> None: ...

    def occurrence(self, user_id: str, reminder_id: int) -> Reminder | None:
        """One of the person's reminders in this workspace."""
        ...

    def plan(self, user_id: str, kind: str, key: str, due_at: datetime) -> bool:
        """Plan one occurrence; False when its key was planned before."""
        ...

    def reschedule(self, user_id: str, kind: str, key: str, due_at: datetime) -> None:
        """Move a planned occurrence that has not gone to the queue yet to a time its kind (or a snooze) now plans
        it for; the engine's own moves into working time stay when the planned time is the same."""
        ...

    def drop_planned(self, user_id: str) -> None:
        """Forget the person's occurrences that are not yet queued, but for the snoozes they asked for."""
        ...


class RemindersUnitOfWork(UnitOfWork, Protocol):
    reminders: ReminderRepository
    members: MemberRepository


class ReminderQueue(Protocol):
    """The engine's view across workspaces; every occurrence it hands out names its workspace."""

    def workspaces(self) -> list[WorkspaceKey]: ...
    def claim_due(self, now: datetime, limit: int) -> list[int]: ...
    def requeue_lost(self, now: datetime, older_than: timedelta, limit: int) -> list[int]: ...
    def start(self, reminder_id: int) -> Reminder | None: ...
    def finish(self, reminder_id: int, state: ReminderState, at: datetime, detail: str | None = None) -> None: ...
    def back_to_queue(self, reminder_id: int, not_before: datetime) -> None: ...
    def count_person(self, reminder_id: int, day: date) -> None: ...
    def postpone(self, reminder_id: int, due_at: datetime) -> None: ...


@dataclass(frozen=True)
class Wait:
    seconds: float


PERSON_CAP = "person_cap"
ALLOWED = "allowed"


class PostingLimits(Protocol):
    def allow(self, workspace: WorkspaceKey, user_id: str, day: date, count_person: bool = True) -> str | Wait:
        """ALLOWED, PERSON_CAP (the person had enough that day), or Wait(seconds) for a channel or workspace
        limit. With `count_person` False, the person's daily cap is neither checked nor counted."""
        ...


@dataclass(frozen=True)
class Sent:
    detail: str = ""


@dataclass(frozen=True)
class NotSent:
    """Known not to have reached Slack, or Slack said no for a reason that may pass."""

    retry_after: float
    detail: str = ""


@dataclass(frozen=True)
class Refused:
    """Slack answered that it will not deliver this (for example, the person left)."""

    detail: str


@dataclass(frozen=True)
class Unknown:
    """The call may or may not have reached the person: never try again."""

    detail: str


class ReminderSender(Protocol):
    def send(self, reminder: Reminder, member: Member, content: object) -> Sent | NotSent | Refused | Unknown:
        """`content` is what the reminder's kind said it should say."""
        ...
