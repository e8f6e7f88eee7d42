"""What the use cases need from the outside world. persistence/ implements these."""

from collections.abc import Callable
from datetime import date, datetime
from typing import Protocol

from domain.adjustments import Adjusted, Adjustment
from domain.checkins import CheckIn, CheckInEntry
from domain.goals import Goal, GoalSpec, GoalStatus
from domain.members import Member
from domain.plan import Milestone, NewMilestone, NewTask, Task
from domain.preferences import Preferences
from domain.reflections import Reflection, ReflectionForm
from domain.reminders import ReminderKind
from domain.workspace import WorkspaceKey


class GoalRepository(Protocol):
    def add(
        self,
        owner_id: str,
        number: int,
        spec: GoalSpec,
        starts_on: date,
        created_at: datetime,
        source_key: str | None,
        supports_id: int | None = None,
    ) -> Goal:
        """Raises AlreadyExists when `source_key` was saved before."""
        ...

    def owned_by(self, owner_id: str) -> list[Goal]:
        """The owner's goals, by number, with their milestone and check-in counts."""
        ...

    def by_number(self, owner_id: str, number: int) -> Goal | None: ...

    def by_id(self, owner_id: str, goal_id: int) -> Goal | None: ...

    def by_source_key(self, source_key: str) -> Goal | None: ...

    def move(
        self,
        goal_id: int,
        to: GoalStatus,
        allowed_from: frozenset[GoalStatus],
        at: datetime,
        paused_days: int | None = None,
    ) -> bool:
        """Change the status only if it is one of `allowed_from`, atomically; True if this call changed it."""
        ...

    def claim_congratulation(self, goal_id: int, at: datetime) -> bool:
        """True for the one caller that may send the goal's congratulation."""
        ...

    def release_congratulation(self, goal_id: int) -> None:
        """The congratulation did not go out: let a later attempt send it."""
        ...

    def update_spec(self, goal_id: int, spec: GoalSpec) -> None: ...

    def record_helped_most(self, goal_id: int, text: str) -> None: ...


class MemberRepository(Protocol):
    def get(self, user_id: str) -> Member | None: ...

    def save(self, member: Member) -> None:
        """Insert or update the cached profile."""
        ...

    def next_goal_number(self, user_id: str) -> int:
        """Atomically take the person's next goal number (1, 2, …)."""
        ...


class PlanRepository(Protocol):
    def add_milestone(self, goal_id: int, milestone: NewMilestone) -> Milestone: ...

    def milestones(self, goal_ids: list[int]) -> list[Milestone]:
        """The goals' milestones, by due date."""
        ...

    def milestone(self, owner_id: str, milestone_id: int) -> Milestone | None: ...

    def task(self, owner_id: str, task_id: int) -> Task | None: ...

    def finish_milestone(self, owner_id: str, milestone_id: int, at: datetime) -> Milestone | None:
        """Mark one of the owner's milestones done once; None if it is not theirs."""
        ...

    def add_task(self, goal_id: int, task: NewTask) -> Task: ...

    def open_tasks(self, owner_id: str) -> list[Task]:
        """The owner's tasks that are not done, on goals that are still open."""
        ...

    def tasks(self, goal_id: int) -> list[Task]: ...

    def finish_task(self, owner_id: str, task_id: int, at: datetime) -> Task | None:
        """Mark one of the owner's tasks done once; None if it is not theirs."""
        ...


class HistoryRepository(Protocol):
    def add_checkin(self, goal_id: int, author_id: str, entry: CheckInEntry, at: datetime) -> CheckIn: ...

    def checkins(self, goal_id: int) -> list[CheckIn]: ...

    def add_adjustment(self, goal_id: int, adjusted: Adjusted, at: datetime) -> None: ...

    def adjustments(self, goal_id: int) -> list[Adjustment]: ...

    def add_reflection(self, goal_id: int, reflection: ReflectionForm, at: datetime) -> None: ...

    def reflections(self, owner_id: str) -> list[Reflection]:
        """The owner's reflections, newest first."""
        ...


class SettingsRepository(Protocol):
    def celebrations_channel(self) -> str | None: ...

    def set_celebrations_channel(self, channel_id: str | None) -> None: ...

    def claim_celebration(self, goal_id: int) -> bool:
        """True the first time only: a goal is posted to the celebrations channel once."""
        ...

    def release_celebration(self, goal_id: int) -> None: ...


class ReminderRepository(Protocol):
    def preferences(self, user_id: str) -> Preferences | None: ...

    def save_preferences(self, user_id: str, prefs: Preferences) -> None: ...

    def people_with_active_goals(self) -> list[tuple[Member, Preferences | None]]: ...

    def plan(self, user_id: str, kind: ReminderKind, key: str, due_at: datetime) -> bool:
        """Plan one occurrence; False when its key was planned before."""
        ...

    def reschedule(self, user_id: str, kind: ReminderKind, key: str, due_at: datetime) -> None:
        """Move a planned occurrence that has not gone to the queue yet."""
        ...

    def drop_planned(self, user_id: str, kind: ReminderKind) -> None:
        """Forget the person's occurrences of `kind` that are not yet queued."""
        ...


class UnitOfWork(Protocol):
    """One transaction in one workspace. Rolls back on exit unless committed."""

    goals: GoalRepository
    members: MemberRepository
    plan: PlanRepository
    history: HistoryRepository
    settings: SettingsRepository
    reminders: ReminderRepository

    def __enter__(self) -> "UnitOfWork": ...

    def __exit__(self, *exc) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


UnitOfWorkFactory = Callable[[WorkspaceKey], UnitOfWork]
