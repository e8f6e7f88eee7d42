"""Pace: progress against the share of time elapsed, and freshness of check-ins."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from domain.goals.lifecycle import GoalState, state_of
from domain.goals.model import Goal

# How far progress may trail the time elapsed (as a share of the whole) before the goal is behind, or at risk.
BEHIND_AFTER = 0.10
AT_RISK_AFTER = 0.25
STALE_AFTER = timedelta(days=14)


class Pace(StrEnum):
    ON_TRACK = "on track"
    BEHIND = "behind"
    AT_RISK = "at risk"
    PAUSED = "paused"
    MISSED = "missed"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


@dataclass(frozen=True)
class PaceReport:
    pace: Pace
    expected: float  # share of the time elapsed, 0.0 to 1.0
    actual: float  # progress, 0.0 to 1.0
    stale: bool  # no check-in for STALE_AFTER


def expected_progress(starts_on: date, due_on: date, today: date, paused_days: int = 0) -> float:
    """The share of the goal's active time that has passed; days spent paused count for neither."""
    span = (due_on - starts_on).days - paused_days
    if span <= 0:
        return 1.0
    return min(1.0, max(0.0, ((today - starts_on).days - paused_days) / span))


def pace_of(goal: Goal, today: date, now: datetime) -> PaceReport:
    """`today` is the date where the owner is; `now` is the instant, for check-in freshness."""
    expected = expected_progress(goal.starts_on, goal.spec.due_on, today, goal.paused_days)
    actual = goal.progress
    state = state_of(goal, today)
    last_sign_of_life = max(goal.last_checkin_at or goal.created_at, goal.status_changed_at or goal.created_at)
    stale = state is GoalState.ACTIVE and now - last_sign_of_life > STALE_AFTER
    if state is not GoalState.ACTIVE:
        return PaceReport(Pace(state.value), expected, actual, stale)
    gap = round(expected - actual, 9)  # so a gap exactly at a threshold is not tipped over by float error
    if gap > AT_RISK_AFTER:
        pace = Pace.AT_RISK
    elif gap > BEHIND_AFTER:
        pace = Pace.BEHIND
    else:
        pace = Pace.ON_TRACK
    return PaceReport(pace, expected, actual, stale)
