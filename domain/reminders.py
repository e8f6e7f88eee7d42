"""Reminders: occurrences with unique keys, planned from each person's preferences, sent at most once."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.workspace import WorkspaceKey


class ReminderKind(StrEnum):
    CHECKIN = "checkin"  # one DM listing every goal due a check-in this period
    SNOOZED = "snoozed"  # a reminder asked for again later


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
    kind: ReminderKind
    key: str  # with the person and the kind, unique: the same occurrence is never planned twice
    due_at: datetime
    state: ReminderState
