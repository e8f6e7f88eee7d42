"""Reminders: occurrences with unique keys, planned from each person's preferences, sent at most once."""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from domain.shared.workspace import WorkspaceKey

SNOOZE_MARK = "|z"  # a snoozed occurrence's key: the original's key, this mark, and the original's id


class ReminderState(StrEnum):
    PENDING = "pending"  # waiting for its time
    QUEUED = "queued"  # handed to the queue
    SENDING = "sending"  # a worker is calling Slack: if it dies now, the outcome is unknown and never repeated
    SENT = "sent"
    SKIPPED = "skipped"  # nothing left to remind of
    UNKNOWN = "unknown"  # the call's outcome is unknown; a missed nudge beats a double one


@dataclass(frozen=True)
class Reminder:
    id: int
    workspace: WorkspaceKey
    user_id: str
    kind: str  # the name of a registered ReminderKind
    key: str  # with the person and the kind, unique: the same occurrence is never planned twice
    due_at: datetime
    state: ReminderState
    counted_on: date | None = None  # it already took one of the person's reminders for that day

    @property
    def subject_key(self) -> str:
        """The key of the occurrence this one is about: its own, or the snoozed original's."""
        return self.key.split(SNOOZE_MARK)[0]

    def snooze_key(self) -> str:
        """The key of this occurrence snoozed: one snooze an occurrence, so snoozing it again moves that one."""
        return f"{self.subject_key}{SNOOZE_MARK}{self.id}"
