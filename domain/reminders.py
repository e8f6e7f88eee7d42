"""Reminders: occurrences with unique keys, planned from each person's preferences, sent at most once."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from domain.goals import Goal, GoalStatus
from domain.plan import Milestone, Task
from domain.workspace import WorkspaceKey


class ReminderKind(StrEnum):
    CHECKIN = "checkin"  # one DM listing every goal due a check-in this period
    SNOOZED = "snoozed"  # a reminder asked for again later
    DUE_SOON = "due_soon"  # milestones and tasks due tomorrow, goals due in a week


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
    counted_on: date | None = None  # it already took one of the person's reminders for that day


GOAL_DUE_NOTICE = timedelta(days=7)
DUE_SOON_KEY = "due-"  # + the ISO date the notice is about ("due tomorrow" counts from it)


@dataclass(frozen=True)
class DueSoon:
    on: date  # the day of the notice: milestones and tasks due the next day, goals a week on
    milestones: list[tuple[Milestone, Goal]]
    tasks: list[Task]
    goals: list[Goal]


def due_soon(on: date, goals: list[Goal], milestones: list[Milestone], open_tasks: list[Task]) -> DueSoon | None:
    """What falls due soon after `on`, among active goals; None when nothing does."""
    active = {g.id: g for g in goals if g.status is GoalStatus.ACTIVE}
    tomorrow = on + timedelta(days=1)
    notice = DueSoon(
        on,
        [(m, active[m.goal_id]) for m in milestones if m.goal_id in active and not m.done_at and m.due_on == tomorrow],
        [t for t in open_tasks if t.goal_id in active and t.due_on == tomorrow],
        [g for g in active.values() if g.spec.due_on == on + GOAL_DUE_NOTICE],
    )
    return notice if notice.milestones or notice.tasks or notice.goals else None
