"""Pace: progress against time elapsed, with thresholds defined once in domain.pace."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from domain.goals.pace import AT_RISK_AFTER, BEHIND_AFTER, STALE_AFTER, Pace, expected_progress, pace_of
from tests.examples import a_goal

START = date(2026, 1, 1)
DUE = date(2026, 11, 28)  # 331 days


def day(n: int) -> date:
    return START + timedelta(days=n)


def noon(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, 12, tzinfo=UTC)


def metric_goal(progress: float, **kwargs):
    # baseline 30, target 45: a current value of 30 + 15 × progress
    return a_goal(
        starts_on="2026-01-01",
        due_on="2026-11-28",
        current_value=30 + 15 * progress,
        last_checkin_at=noon(START + timedelta(days=300)),
        **kwargs,
    )


def test_expected_progress_is_the_share_of_time_elapsed():
    assert expected_progress(START, DUE, START) == 0.0
    assert expected_progress(START, DUE, DUE) == 1.0
    assert expected_progress(START, DUE, START + (DUE - START) / 2) == pytest.approx(0.5, abs=0.01)
    assert expected_progress(START, DUE, START - timedelta(days=5)) == 0.0


@pytest.mark.parametrize(
    ("gap", "pace"),
    [
        (0.0, Pace.ON_TRACK),
        (BEHIND_AFTER, Pace.ON_TRACK),  # exactly at the threshold is still on track
        (BEHIND_AFTER + 0.01, Pace.BEHIND),
        (AT_RISK_AFTER, Pace.BEHIND),
        (AT_RISK_AFTER + 0.01, Pace.AT_RISK),
        (-0.3, Pace.ON_TRACK),  # ahead of time
    ],
)
def test_pace_thresholds_and_their_boundaries(gap, pace):
    today = day(331 // 2)  # expected progress = 165/331
    expected = 165 / 331
    report = pace_of(metric_goal(expected - gap), today, noon(today))

    assert report.pace is pace
    assert report.expected == pytest.approx(expected)


def test_milestones_give_progress():
    goal = a_goal(measure_kind="milestones", milestones=(3, 4))

    assert goal.progress == 0.75
    assert a_goal(measure_kind="milestones", milestones=(0, 0)).progress == 0.0


def test_a_metric_progress_runs_from_baseline_to_target_and_is_clamped():
    assert a_goal(current_value=37.5).progress == 0.5
    assert a_goal(current_value=50).progress == 1.0
    assert a_goal(current_value=20).progress == 0.0
    assert a_goal(current_value=None).progress == 0.0


def test_a_paused_goal_is_never_behind():
    today = day(300)
    assert pace_of(metric_goal(0.0, status="paused"), today, noon(today)).pace is Pace.PAUSED


def test_a_goal_past_due_and_not_done_is_missed_and_done_is_done():
    after = DUE + timedelta(days=1)
    assert pace_of(metric_goal(0.2), after, noon(after)).pace is Pace.MISSED
    assert pace_of(metric_goal(0.2), DUE, noon(DUE)).pace is not Pace.MISSED
    assert pace_of(metric_goal(1.0, status="completed"), after, noon(after)).pace is Pace.COMPLETED


def test_no_check_in_for_14_days_is_stale():
    last = noon(day(100))
    goal = a_goal(starts_on="2026-01-01", due_on="2026-11-28", last_checkin_at=last)

    assert not pace_of(goal, day(114), last + STALE_AFTER).stale
    assert pace_of(goal, day(114), last + STALE_AFTER + timedelta(minutes=1)).stale


def test_a_new_goal_with_no_check_in_is_stale_two_weeks_after_it_was_set():
    goal = a_goal(starts_on="2026-01-01", due_on="2026-11-28")

    assert not pace_of(goal, day(13), noon(day(13))).stale
    assert pace_of(goal, day(15), noon(day(15))).stale


def test_pace_is_judged_on_the_persons_own_date():
    # due 28 Nov; at 20:00 UTC on 28 Nov it is already 29 Nov in Kolkata but still 28 Nov in Los Angeles
    goal = metric_goal(0.9)
    instant = datetime(2026, 11, 28, 20, 0, tzinfo=UTC)
    from domain.people.members import Member

    kolkata = Member("U1", "A", "Asia/Kolkata", None).today(instant)
    los_angeles = Member("U1", "A", "America/Los_Angeles", instant).today(instant)

    assert pace_of(goal, kolkata, instant).pace is Pace.MISSED
    assert pace_of(goal, los_angeles, instant).pace is Pace.ON_TRACK


def test_days_spent_paused_count_neither_as_elapsed_nor_as_span():
    # 100 days; 20 of them paused: at day 60, 40 of 80 active days have passed
    assert expected_progress(START, START + timedelta(days=100), day(60), paused_days=20) == 0.5


def test_a_resumed_goal_is_judged_on_its_active_time_and_is_not_stale_at_once():
    resumed_at = noon(day(60))
    goal = replace(metric_goal(0.5), paused_days=20, status_changed_at=resumed_at, last_checkin_at=noon(day(10)))
    goal = replace(goal, starts_on=START, spec=replace(goal.spec, due_on=START + timedelta(days=100)))

    report = pace_of(goal, day(60), resumed_at)

    assert report.expected == 0.5 and report.pace is Pace.ON_TRACK
    assert not report.stale
    assert pace_of(goal, day(75), resumed_at + STALE_AFTER + timedelta(hours=1)).stale
