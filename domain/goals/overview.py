"""Read models for a person's dashboard, a goal's history and the ladder."""

from dataclasses import dataclass
from datetime import datetime

from domain.goals.adjustments import Adjustment
from domain.goals.checkins import CheckIn
from domain.goals.coach import Assessment, assess
from domain.goals.ladder import Rung, ladder
from domain.goals.lifecycle import GoalState, state_of
from domain.goals.model import Goal, Horizon
from domain.goals.pace import PaceReport, pace_of
from domain.goals.plan import Milestone, Task
from domain.goals.ports import GoalsUnitOfWork
from domain.goals.reflections import Reflection
from domain.goals.services import find_goal
from domain.goals.tracking import open_tasks
from domain.people.members import Member


@dataclass(frozen=True)
class GoalCard:
    goal: Goal
    state: GoalState
    assessment: Assessment
    pace: PaceReport
    next_milestone: Milestone | None
    supports: Goal | None


@dataclass(frozen=True)
class Dashboard:
    open_goals: dict[Horizon, list[GoalCard]]  # long, medium, short: active, paused and missed goals
    finished: list[GoalCard]  # completed and abandoned, newest number first
    tasks: list[Task]  # open tasks, in plan order
    lessons: list[Reflection]


def _cards(goals: list[Goal], milestones: list[Milestone], owner: Member, now: datetime) -> list[GoalCard]:
    today = owner.today(now)
    by_id = {g.id: g for g in goals}
    upcoming: dict[int, Milestone] = {}
    for milestone in milestones:  # by due date, so the first open one per goal is next
        if milestone.done_at is None:
            upcoming.setdefault(milestone.goal_id, milestone)
    return [
        GoalCard(
            g, state_of(g, today), assess(g.spec), pace_of(g, today, now), upcoming.get(g.id), by_id.get(g.supports_id)
        )
        for g in goals
    ]


def goal_cards(uow: GoalsUnitOfWork, owner: Member, now: datetime) -> list[GoalCard]:
    """All my goals by number, each with its state, score, pace and next milestone."""
    with uow:
        goals = uow.goals.owned_by(owner.user_id)
        milestones = uow.plan.milestones([g.id for g in goals])
    return _cards(goals, milestones, owner, now)


def dashboard(uow: GoalsUnitOfWork, owner: Member, now: datetime) -> Dashboard:
    with uow:
        goals = uow.goals.owned_by(owner.user_id)
        milestones = uow.plan.milestones([g.id for g in goals])
        lessons = uow.history.reflections(owner.user_id)
    cards = _cards(goals, milestones, owner, now)
    finished = {GoalState.COMPLETED, GoalState.ABANDONED}
    open_goals = {
        h: [c for c in cards if c.goal.spec.horizon is h and c.state not in finished]
        for h in (Horizon.LONG, Horizon.MEDIUM, Horizon.SHORT)
    }
    done = sorted((c for c in cards if c.state in finished), key=lambda c: -c.goal.number)
    return Dashboard(open_goals, done, open_tasks(uow, owner.user_id), lessons)


@dataclass(frozen=True)
class GoalHistory:
    card: GoalCard
    checkins: list[CheckIn]
    adjustments: list[Adjustment]
    milestones: list[Milestone]
    tasks: list[Task]


def goal_history(uow: GoalsUnitOfWork, owner: Member, number: int, now: datetime) -> GoalHistory:
    with uow:
        goal = find_goal(uow, owner.user_id, number)
        milestones = uow.plan.milestones([goal.id])
        supports = uow.goals.by_id(owner.user_id, goal.supports_id) if goal.supports_id else None
        history = (uow.history.checkins(goal.id), uow.history.adjustments(goal.id), milestones, uow.plan.tasks(goal.id))
    [card] = _cards([goal] + ([supports] if supports else []), milestones, owner, now)[:1]
    return GoalHistory(card, *history)


def goal_ladder(uow: GoalsUnitOfWork, owner_id: str) -> list[Rung]:
    with uow:
        return ladder(uow.goals.owned_by(owner_id))


def lessons(uow: GoalsUnitOfWork, owner_id: str) -> list[Reflection]:
    with uow:
        return uow.history.reflections(owner_id)
