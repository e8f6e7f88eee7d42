"""One state machine: every allowed and every forbidden transition."""

from datetime import date

import pytest

from domain.goals.lifecycle import ALLOWED, LEADS_TO, Action, GoalState, ensure_allowed, state_of, statuses_allowing
from domain.goals.model import GoalStatus
from domain.shared.errors import DomainError
from tests.examples import a_goal

BEFORE_DUE = date(2027, 1, 1)
AFTER_DUE = date(2027, 6, 1)  # a_goal() is due 21 May 2027

GOALS = {
    GoalState.ACTIVE: (a_goal(status="active"), BEFORE_DUE),
    GoalState.PAUSED: (a_goal(status="paused"), BEFORE_DUE),
    GoalState.MISSED: (a_goal(status="active"), AFTER_DUE),
    GoalState.COMPLETED: (a_goal(status="completed"), BEFORE_DUE),
    GoalState.ABANDONED: (a_goal(status="abandoned"), AFTER_DUE),
}

EXPECTED = {
    GoalState.ACTIVE: {
        Action.FINISH_PART,
        Action.CHECK_IN,
        Action.EDIT,
        Action.PAUSE,
        Action.COMPLETE,
        Action.ABANDON,
        Action.ADD_MILESTONE,
        Action.ADD_TASK,
    },
    GoalState.PAUSED: {
        Action.FINISH_PART,
        Action.RESUME,
        Action.EDIT,
        Action.COMPLETE,
        Action.ABANDON,
        Action.ADD_MILESTONE,
        Action.ADD_TASK,
    },
    GoalState.MISSED: {Action.EDIT, Action.COMPLETE, Action.ABANDON, Action.FINISH_PART},
    GoalState.COMPLETED: set(),
    GoalState.ABANDONED: set(),
}


@pytest.mark.parametrize("state", list(GoalState))
def test_each_state_is_recognised(state):
    goal, today = GOALS[state]
    assert state_of(goal, today) is state


@pytest.mark.parametrize(("state", "action"), [(s, a) for s in GoalState for a in Action])
def test_every_transition_is_allowed_or_refused_with_a_clear_message(state, action):
    goal, today = GOALS[state]
    if action in EXPECTED[state]:
        assert ensure_allowed(goal, action, today) is state
    else:
        with pytest.raises(DomainError) as refused:
            ensure_allowed(goal, action, today)
        assert f"Goal #1 is {state.value}, so you can't {action.value} it." in refused.value.message


def test_the_table_is_the_expected_one():
    assert {s: set(a) for s, a in ALLOWED.items()} == EXPECTED


def test_checking_in_on_a_completed_goal_says_why_and_what_next():
    goal, today = GOALS[GoalState.COMPLETED]
    with pytest.raises(DomainError) as refused:
        ensure_allowed(goal, Action.CHECK_IN, today)
    assert refused.value.message == (
        "Goal #1 is completed, so you can't check in on it. It is done. Set a new goal to keep growing."
    )


def test_a_missed_goal_offers_extend_or_reflect():
    goal, today = GOALS[GoalState.MISSED]
    with pytest.raises(DomainError) as refused:
        ensure_allowed(goal, Action.CHECK_IN, today)
    assert "extend it" in refused.value.message and "reflect" in refused.value.message


def test_stored_statuses_each_action_may_start_from():
    assert statuses_allowing(Action.COMPLETE) == {GoalStatus.ACTIVE, GoalStatus.PAUSED}
    assert statuses_allowing(Action.RESUME) == {GoalStatus.PAUSED}
    assert statuses_allowing(Action.PAUSE) == {GoalStatus.ACTIVE}
    assert LEADS_TO[Action.ABANDON] is GoalStatus.ABANDONED
