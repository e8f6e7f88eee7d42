"""The goals' reminder kinds: the regular check-in, and a notice of what falls due soon.

They reach the reminder engine only through its seam, domain.reminders.kinds.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from domain.goals.lifecycle import GoalState, state_of
from domain.goals.model import Goal, GoalStatus
from domain.goals.plan import Milestone, Task
from domain.goals.ports import GoalsUnitOfWork
from domain.reminders.kinds import Recipient

GOAL_DUE_NOTICE = timedelta(days=7)
DUE_SOON_KEY = "due-"  # + the ISO date the notice is about ("due tomorrow" counts from it)


def goals_to_check_in(goals: list[Goal], recipient: Recipient, now: datetime) -> list[Goal]:
    """Active goals with no check-in in the person's current period."""
    today = recipient.today(now)
    return [
        g
        for g in goals
        if state_of(g, today) is GoalState.ACTIVE and not recipient.in_this_period(g.last_checkin_at, now)
    ]


class GoalReminder:
    """A reminder about goals: for the people who have an active one."""

    def audience(self, uow: GoalsUnitOfWork) -> list[str]:
        return uow.goals.owners_with_active_goals()


class CheckInReminder(GoalReminder):
    """One DM a period listing every active goal with no check-in yet, at the person's chosen day and time."""

    name = "checkin"

    def plan(self, uow: GoalsUnitOfWork, recipient: Recipient, now: datetime, after: datetime):
        upcoming = recipient.next_regular(after)
        return [upcoming] if upcoming else []

    def content(self, uow: GoalsUnitOfWork, recipient: Recipient, key: str, now: datetime) -> list[Goal]:
        return goals_to_check_in(uow.goals.owned_by(recipient.user_id), recipient, now)


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


class DueSoonReminder(GoalReminder):
    """Milestones and tasks due tomorrow and goals due in a week: one notice a day, on that day only."""

    name = "due_soon"

    def plan(self, uow: GoalsUnitOfWork, recipient: Recipient, now: datetime, after: datetime):
        today = recipient.today(now)
        if self._notice(uow, recipient.user_id, today) is None:
            return []
        slot = recipient.slot_today(now)  # on a day off, none: a notice kept for later would be stale
        return [(f"{DUE_SOON_KEY}{today.isoformat()}", slot)] if slot else []

    def content(self, uow: GoalsUnitOfWork, recipient: Recipient, key: str, now: datetime) -> DueSoon | None:
        return self._notice(uow, recipient.user_id, date.fromisoformat(key.removeprefix(DUE_SOON_KEY)))

    def _notice(self, uow: GoalsUnitOfWork, user_id: str, on: date) -> DueSoon | None:
        goals = uow.goals.owned_by(user_id)
        return due_soon(on, goals, uow.plan.milestones([g.id for g in goals]), uow.plan.open_tasks(user_id))


CHECKIN = CheckInReminder()
DUE_SOON = DueSoonReminder()
GOAL_REMINDERS = (CHECKIN, DUE_SOON)
