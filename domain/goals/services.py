"""Use cases. Each takes plain values and ports, and returns plain results."""

from dataclasses import dataclass
from datetime import datetime

from domain.goals.coach import Assessment, assess, check_goal
from domain.goals.ladder import check_support, supportable
from domain.goals.lifecycle import Action, ensure_allowed
from domain.goals.model import Goal, GoalForm
from domain.goals.ports import GoalsUnitOfWork
from domain.people.members import Member
from domain.shared.clock import Clock
from domain.shared.errors import AlreadyExists, DomainError


@dataclass(frozen=True)
class GoalSaved:
    goal: Goal
    assessment: Assessment
    created: bool  # False when this was a repeat of an earlier submission


def set_goal(
    uow: GoalsUnitOfWork, clock: Clock, owner: Member, form: GoalForm, source_key: str | None = None
) -> GoalSaved:
    """Check a new goal with the coach and save it with the owner's next number.

    `source_key` identifies the submission (for example a modal's id), so a repeat saves nothing new.
    """
    now = clock.now()
    today = owner.today(now)
    supported = _supported_goal(uow, owner.user_id, form.supports)
    spec = check_goal(form, today)
    if form.supports:
        check_support(spec.horizon, supported, owner.user_id)
    with uow:
        earlier = uow.goals.by_source_key(source_key) if source_key else None
        if earlier is None:
            try:
                uow.members.save(owner)
                number = uow.goals.next_number(owner.user_id)
                supports_id = supported.id if supported else None
                goal = uow.goals.add(owner.user_id, number, spec, today, now, source_key, supports_id)
                uow.commit()
                return GoalSaved(goal, assess(spec), created=True)
            except AlreadyExists:
                uow.rollback()
                if source_key is None:
                    raise
    with uow:
        earlier = uow.goals.by_source_key(source_key)
        if earlier is None:
            raise AlreadyExists("This goal clashed with another one; nothing was saved. Try again.")
        return GoalSaved(earlier, assess(earlier.spec), created=False)


def _supported_goal(uow: GoalsUnitOfWork, owner_id: str, supports: str | None) -> Goal | None:
    if not (supports or "").isdigit():
        return None
    with uow:
        return uow.goals.by_id(owner_id, int(supports))


class GoalNotFound(DomainError):
    def __init__(self, number: int):
        super().__init__(f"You have no goal #{number}. Your goals and their numbers are in your goal list.")


def find_goal(uow: GoalsUnitOfWork, owner_id: str, number: int) -> Goal:
    """One of the owner's goals by its short number; call inside `with uow`."""
    goal = uow.goals.by_number(owner_id, number)
    if goal is None:
        raise GoalNotFound(number)
    return goal


def goal_for(uow: GoalsUnitOfWork, owner: Member, number: int, action: Action | None, now: datetime) -> Goal:
    """My goal #number, if `action` may be taken on it now."""
    with uow:
        goal = find_goal(uow, owner.user_id, number)
    if action is not None:
        ensure_allowed(goal, action, owner.today(now))
    return goal


def my_goal(uow: GoalsUnitOfWork, owner_id: str, goal_id: int) -> Goal:
    with uow:
        goal = uow.goals.by_id(owner_id, goal_id)
    if goal is None:
        raise DomainError("That goal isn't one of yours.")
    return goal


def supportable_goals(uow: GoalsUnitOfWork, owner_id: str) -> list[Goal]:
    """My open medium and long goals, which a new goal may support."""
    with uow:
        return supportable(None, uow.goals.owned_by(owner_id))
