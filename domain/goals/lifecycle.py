"""The goal's states and what each allows: one state machine."""

from datetime import date
from enum import StrEnum

from domain.goals.model import Goal, GoalStatus
from domain.shared.errors import DomainError


class GoalState(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    MISSED = "missed"  # past its due date and not done
    COMPLETED = "completed"
    ABANDONED = "abandoned"


class Action(StrEnum):
    CHECK_IN = "check in on"
    EDIT = "adjust"
    PAUSE = "pause"
    RESUME = "resume"
    COMPLETE = "complete"
    ABANDON = "abandon"
    ADD_MILESTONE = "add a milestone to"
    ADD_TASK = "add a task to"
    FINISH_PART = "tick off a milestone or task of"


_PLANNING = {Action.ADD_MILESTONE, Action.ADD_TASK, Action.FINISH_PART}
ALLOWED: dict[GoalState, frozenset[Action]] = {
    GoalState.ACTIVE: frozenset(
        {Action.CHECK_IN, Action.EDIT, Action.PAUSE, Action.COMPLETE, Action.ABANDON, *_PLANNING}
    ),
    GoalState.PAUSED: frozenset({Action.RESUME, Action.EDIT, Action.COMPLETE, Action.ABANDON, *_PLANNING}),
    GoalState.MISSED: frozenset({Action.EDIT, Action.COMPLETE, Action.ABANDON, Action.FINISH_PART}),
    GoalState.COMPLETED: frozenset(),
    GoalState.ABANDONED: frozenset(),
}

# The stored status an action leads to; actions not listed leave the status alone.
LEADS_TO = {
    Action.PAUSE: GoalStatus.PAUSED,
    Action.RESUME: GoalStatus.ACTIVE,
    Action.COMPLETE: GoalStatus.COMPLETED,
    Action.ABANDON: GoalStatus.ABANDONED,
}

_WHAT_NEXT = {
    GoalState.PAUSED: "Resume it first.",
    GoalState.MISSED: "It is past its due date: extend it by adjusting the due date, or reflect on it and let it go.",
    GoalState.COMPLETED: "It is done. Set a new goal to keep growing.",
    GoalState.ABANDONED: "It was let go. Set a new goal when you are ready.",
    GoalState.ACTIVE: "",
}


def state_of(goal: Goal, today: date) -> GoalState:
    """The goal's state on `today`, the date where its owner is."""
    if goal.status in (GoalStatus.COMPLETED, GoalStatus.ABANDONED):
        return GoalState(goal.status.value)
    if today > goal.spec.due_on:
        return GoalState.MISSED
    return GoalState(goal.status.value)


def statuses_allowing(action: Action) -> frozenset[GoalStatus]:
    """Stored statuses from which `action` may start (a missed goal is stored as active or paused)."""
    return frozenset(
        GoalStatus(s.value) for s, allowed in ALLOWED.items() if action in allowed and s is not GoalState.MISSED
    )


class NotAllowed(DomainError):
    def __init__(self, goal: Goal, state: GoalState, action: Action):
        message = f"Goal #{goal.number} is {state.value}, so you can't {action.value} it. {_WHAT_NEXT[state]}"
        super().__init__(message.strip())
        self.state = state


def ensure_allowed(goal: Goal, action: Action, today: date) -> GoalState:
    state = state_of(goal, today)
    if action not in ALLOWED[state]:
        raise NotAllowed(goal, state, action)
    return state
