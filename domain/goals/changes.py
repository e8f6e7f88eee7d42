"""Use cases that change a goal's course: adjust, pause, resume, complete, abandon, celebrate."""

from dataclasses import dataclass

from domain.goals.adjustments import EditForm, check_edit
from domain.goals.lifecycle import LEADS_TO, Action, ensure_allowed, statuses_allowing
from domain.goals.model import Goal, GoalStatus, Visibility
from domain.goals.ports import GoalsUnitOfWork
from domain.goals.reflections import ReflectionForm, check_reflection
from domain.goals.services import find_goal
from domain.people.members import Member
from domain.shared.clock import Clock
from domain.shared.errors import DomainError
from domain.shared.forms import FormCheck

HELPED_MAX = 500


def edit_goal(uow: GoalsUnitOfWork, clock: Clock, owner: Member, number: int, form: EditForm) -> Goal:
    """Adjust the goal and keep the adjustment, with its reason, in the goal's history."""
    now = clock.now()
    with uow:
        goal = find_goal(uow, owner.user_id, number)
        ensure_allowed(goal, Action.EDIT, owner.today(now))
        milestones = [m for m in uow.plan.milestones([goal.id]) if m.done_at is None]
        adjusted = check_edit(form, goal, owner.today(now), milestones)
        uow.goals.update_spec(goal.id, adjusted.spec)
        uow.history.add_adjustment(goal.id, adjusted, now)
        uow.commit()
        return uow.goals.by_id(owner.user_id, goal.id)


def _move(uow: GoalsUnitOfWork, goal: Goal, action: Action, now, paused_days: int | None = None) -> None:
    if not uow.goals.move(goal.id, LEADS_TO[action], statuses_allowing(action), now, paused_days):
        raise DomainError(f"Goal #{goal.number} changed in the meantime; nothing was done. Try again.")


def pause_goal(uow: GoalsUnitOfWork, clock: Clock, owner: Member, number: int) -> Goal:
    return _change_status(uow, clock, owner, number, Action.PAUSE)


def resume_goal(uow: GoalsUnitOfWork, clock: Clock, owner: Member, number: int) -> Goal:
    return _change_status(uow, clock, owner, number, Action.RESUME)


def _change_status(uow: GoalsUnitOfWork, clock: Clock, owner: Member, number: int, action: Action) -> Goal:
    now = clock.now()
    with uow:
        goal = find_goal(uow, owner.user_id, number)
        ensure_allowed(goal, action, owner.today(now))
        _move(uow, goal, action, now, _paused_days(goal, owner, now) if action is Action.RESUME else None)
        uow.commit()
        return uow.goals.by_id(owner.user_id, goal.id)


def _paused_days(goal: Goal, owner: Member, now) -> int:
    """All the days the goal has spent paused, this pause included."""
    paused_on = (goal.status_changed_at or now).astimezone(owner.zone).date()
    return goal.paused_days + max(0, (owner.today(now) - paused_on).days)


@dataclass(frozen=True)
class Journey:
    days: int
    checkins: int
    milestones_done: int
    milestones_total: int


@dataclass(frozen=True)
class Completion:
    goal: Goal
    first: bool  # this call completed the goal
    congratulate: bool  # this call, and no other, sends the congratulation
    journey: Journey
    share_channel: str | None  # where the owner may share it, if the workspace and the goal's visibility allow


def complete_goal(uow: GoalsUnitOfWork, clock: Clock, owner: Member, number: int) -> Completion:
    now = clock.now()
    today = owner.today(now)
    with uow:
        goal = find_goal(uow, owner.user_id, number)
        first = False
        if goal.status is not GoalStatus.COMPLETED:
            ensure_allowed(goal, Action.COMPLETE, today)
            first = uow.goals.move(goal.id, GoalStatus.COMPLETED, statuses_allowing(Action.COMPLETE), now)
            uow.commit()
    with uow:
        goal = uow.goals.by_id(owner.user_id, goal.id)
        if goal.status is not GoalStatus.COMPLETED:  # abandoned or paused at the same instant
            raise DomainError(f"Goal #{goal.number} changed in the meantime; nothing was done.")
        congratulate = uow.goals.claim_congratulation(goal.id, now)
        uow.commit()
        channel = uow.settings.celebrations_channel()
    finished_on = goal.completed_at.astimezone(owner.zone).date()
    journey = Journey((finished_on - goal.starts_on).days, goal.checkins, goal.milestones_done, goal.milestones_total)
    shareable = channel if goal.spec.visibility is Visibility.PUBLIC else None
    return Completion(goal, first, congratulate, journey, shareable)


def congratulation_failed(uow: GoalsUnitOfWork, goal_id: int) -> None:
    """The congratulation did not go out: the next `done` on the goal sends it."""
    with uow:
        uow.goals.release_congratulation(goal_id)
        uow.commit()


def record_helped_most(uow: GoalsUnitOfWork, owner_id: str, goal_id: int, text: str | None) -> Goal:
    check = FormCheck()
    answer = check.text("helped", text, "what helped most", HELPED_MAX)
    check.done()
    with uow:
        goal = uow.goals.by_id(owner_id, goal_id)
        if goal is None or goal.status is not GoalStatus.COMPLETED:
            raise DomainError("That isn't one of your completed goals.")
        uow.goals.record_helped_most(goal.id, answer)
        uow.commit()
        return goal


def claim_celebration(uow: GoalsUnitOfWork, owner_id: str, goal_id: int) -> tuple[Goal, str] | None:
    """The goal and channel to post to, the first time only; None when it was posted already."""
    with uow:
        goal = uow.goals.by_id(owner_id, goal_id)
        channel = uow.settings.celebrations_channel()
        if goal is None or goal.status is not GoalStatus.COMPLETED or goal.spec.visibility is not Visibility.PUBLIC:
            raise DomainError("Only your own completed, public goals can be shared.")
        if channel is None:
            raise DomainError("This workspace has no celebrations channel yet. An admin can choose one.")
        if not uow.settings.claim_celebration(goal.id):
            return None
        uow.commit()
        return goal, channel


def release_celebration(uow: GoalsUnitOfWork, goal_id: int) -> None:
    """Give the claim back when the post did not go out, so the owner can try again."""
    with uow:
        uow.settings.release_celebration(goal_id)
        uow.commit()


def abandon_goal(uow: GoalsUnitOfWork, clock: Clock, owner: Member, number: int, form: ReflectionForm) -> Goal:
    """Let a goal go, keeping the reflection as a lesson."""
    now = clock.now()
    with uow:
        goal = find_goal(uow, owner.user_id, number)
        ensure_allowed(goal, Action.ABANDON, owner.today(now))
        reflection = check_reflection(form)
        _move(uow, goal, Action.ABANDON, now)
        uow.history.add_reflection(goal.id, reflection, now)
        uow.commit()
        return goal


def set_celebrations_channel(uow: GoalsUnitOfWork, member: Member, channel_id: str | None) -> None:
    if not member.is_admin:
        raise DomainError("Only a workspace admin or owner can choose the celebrations channel.")
    with uow:
        uow.settings.set_celebrations_channel(channel_id)
        uow.commit()
