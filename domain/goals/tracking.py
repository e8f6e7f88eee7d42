"""Use cases for working a goal: milestones, tasks and check-ins."""

from dataclasses import dataclass

from domain.goals.checkins import CheckIn, CheckInForm, check_checkin
from domain.goals.lifecycle import Action, ensure_allowed
from domain.goals.model import Goal
from domain.goals.plan import Milestone, MilestoneForm, Task, TaskForm, check_milestone, check_task, in_plan_order
from domain.goals.ports import GoalsUnitOfWork
from domain.goals.services import find_goal
from domain.people.members import Member
from domain.shared.clock import Clock
from domain.shared.errors import DomainError


def add_milestone(uow: GoalsUnitOfWork, clock: Clock, owner: Member, number: int, form: MilestoneForm) -> Milestone:
    today = owner.today(clock.now())
    with uow:
        goal = find_goal(uow, owner.user_id, number)
        ensure_allowed(goal, Action.ADD_MILESTONE, today)
        milestone = uow.plan.add_milestone(goal.id, check_milestone(form, goal, today))
        uow.commit()
        return milestone


def open_milestones(uow: GoalsUnitOfWork, owner_id: str, number: int) -> tuple[Goal, list[Milestone]]:
    with uow:
        goal = find_goal(uow, owner_id, number)
        return goal, [m for m in uow.plan.milestones([goal.id]) if m.done_at is None]


def add_task(uow: GoalsUnitOfWork, clock: Clock, owner: Member, number: int, form: TaskForm) -> Task:
    today = owner.today(clock.now())
    with uow:
        goal = find_goal(uow, owner.user_id, number)
        ensure_allowed(goal, Action.ADD_TASK, today)
        milestones = [m for m in uow.plan.milestones([goal.id]) if m.done_at is None]
        task = uow.plan.add_task(goal.id, check_task(form, goal, milestones, today))
        uow.commit()
        return task


def finish_milestone(uow: GoalsUnitOfWork, clock: Clock, owner: Member, milestone_id: int) -> Milestone:
    return _finish(
        uow,
        clock,
        owner,
        "milestone",
        lambda: uow.plan.milestone(owner.user_id, milestone_id),
        lambda now: uow.plan.finish_milestone(owner.user_id, milestone_id, now),
    )


def finish_task(uow: GoalsUnitOfWork, clock: Clock, owner: Member, task_id: int) -> Task:
    return _finish(
        uow,
        clock,
        owner,
        "task",
        lambda: uow.plan.task(owner.user_id, task_id),
        lambda now: uow.plan.finish_task(owner.user_id, task_id, now),
    )


def _finish(uow: GoalsUnitOfWork, clock: Clock, owner: Member, what: str, find, finish):
    """Mark one of my milestones or tasks done, while its goal is open; marking it again changes nothing."""
    now = clock.now()
    with uow:
        item = find()
        if item is None:
            raise DomainError(f"That {what} isn't one of yours.")
        ensure_allowed(uow.goals.by_id(owner.user_id, item.goal_id), Action.FINISH_PART, owner.today(now))
        item = finish(now)
        uow.commit()
        return item


def open_tasks(uow: GoalsUnitOfWork, owner_id: str) -> list[Task]:
    """My open tasks in plan order: urgent and important first."""
    with uow:
        return in_plan_order(uow.plan.open_tasks(owner_id))


@dataclass(frozen=True)
class CheckedIn:
    goal: Goal  # as it stands after the check-in
    checkin: CheckIn


def check_in(uow: GoalsUnitOfWork, clock: Clock, owner: Member, number: int, form: CheckInForm) -> CheckedIn:
    """Record a check-in. Every check-in is kept; a metric goal's current value is the latest one's."""
    now = clock.now()
    with uow:
        goal = find_goal(uow, owner.user_id, number)
        ensure_allowed(goal, Action.CHECK_IN, owner.today(now))
        entry = check_checkin(form, goal)
        checkin = uow.history.add_checkin(goal.id, owner.user_id, entry, now)
        uow.commit()
    with uow:
        return CheckedIn(uow.goals.by_id(owner.user_id, goal.id), checkin)
