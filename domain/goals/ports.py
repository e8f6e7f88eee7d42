"""What the goal use cases need from storage. persistence/goals/ implements these."""

from datetime import date, datetime
from typing import Protocol

from domain.goals.adjustments import Adjusted, Adjustment
from domain.goals.checkins import CheckIn, CheckInEntry
from domain.goals.model import Goal, GoalSpec, GoalStatus, Visibility
from domain.goals.plan import Milestone, NewMilestone, NewTask, Task
from domain.goals.reflections import Reflection, ReflectionForm
from domain.people.ports import MemberRepository
from domain.shared.unit_of_work import UnitOfWork


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

    def owned_by_many(self, owner_ids: list[str], visibilities: frozenset[Visibility] | None = None) -> list[Goal]:
        """Several owners' goals, by owner then number, with their counts, in one query (a manager's summary);
        only those with one of `visibilities` when given, so that others never leave storage."""
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

    def next_number(self, owner_id: str) -> int:
        """Atomically take the owner's next goal number (1, 2, …)."""
        ...

    def owners_with_active_goals(self) -> list[str]: ...

    def skills_of_active(self, owner_id: str) -> list[str]:
        """The skill names the owner's active goals build; profiles count them as skills to learn."""
        ...

    def record_helped_most(self, goal_id: int, text: str) -> None: ...


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

    def checkins_since(self, goal_ids: list[int], since: datetime) -> list[CheckIn]:
        """The goals' check-ins at or after `since`, oldest first, in one query."""
        ...

    def values_at(self, goal_ids: list[int], instant: datetime) -> dict[int, float]:
        """Each goal's latest checked-in value at or before `instant` (goals with none are left out)."""
        ...

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


class GoalsUnitOfWork(UnitOfWork, Protocol):
    """The goals part of a unit of work, with the member directory it records owners in."""

    goals: GoalRepository
    plan: PlanRepository
    history: HistoryRepository
    settings: SettingsRepository
    members: MemberRepository
