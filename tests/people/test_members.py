"""Time zones: "today" and "in the past" are judged where the person is."""

from datetime import UTC, datetime, timedelta

import pytest

from domain.goals.coach import check_goal
from domain.goals.model import GoalForm
from domain.people.members import PROFILE_FRESH_FOR, Member
from domain.shared.errors import InvalidInput

# 20:00 UTC on 21 Nov is already 22 Nov in Kolkata (UTC+5:30) and still 21 Nov in Los Angeles (UTC−8).
EVENING_UTC = datetime(2026, 11, 21, 20, 0, tzinfo=UTC)
KOLKATA = Member("U1", "Asha", "Asia/Kolkata", EVENING_UTC)
LOS_ANGELES = Member("U2", "Bruno", "America/Los_Angeles", EVENING_UTC)


def test_today_is_the_persons_own_date():
    assert KOLKATA.today(EVENING_UTC).isoformat() == "2026-11-22"
    assert LOS_ANGELES.today(EVENING_UTC).isoformat() == "2026-11-21"


def milestones_goal(due_on: str) -> GoalForm:
    return GoalForm(
        title="Ship the design system v2 to all squads",
        why="Our squads ship faster with one kit.",
        horizon="medium",
        due_on=due_on,
        measure_kind="milestones",
        visibility="team",
    )


def test_the_horizon_window_starts_on_the_persons_own_today():
    # 21 Nov 2027 is one year from 21 Nov 2026: inside medium for LA, a day short for Kolkata
    goal = milestones_goal("2027-11-21")

    assert check_goal(goal, LOS_ANGELES.today(EVENING_UTC)).due_on.isoformat() == "2027-11-21"
    with pytest.raises(InvalidInput) as raised:
        check_goal(goal, KOLKATA.today(EVENING_UTC))
    assert "1–3 years" in raised.value.errors["due_on"]


def test_yesterday_in_kolkata_is_today_in_los_angeles():
    form = GoalForm(**{**milestones_goal("2026-11-21").__dict__, "horizon": "short"})

    with pytest.raises(InvalidInput) as kolkata:
        check_goal(form, KOLKATA.today(EVENING_UTC))
    with pytest.raises(InvalidInput) as los_angeles:
        check_goal(form, LOS_ANGELES.today(EVENING_UTC))
    assert "in the past" in kolkata.value.errors["due_on"]
    assert "in the past" not in los_angeles.value.errors["due_on"]


def test_an_unknown_time_zone_falls_back_to_utc():
    assert Member("U3", "C", "Mars/Olympus", None).today(EVENING_UTC).isoformat() == "2026-11-21"


def test_a_profile_is_stale_after_a_day():
    assert not KOLKATA.is_stale(EVENING_UTC + PROFILE_FRESH_FOR)
    assert KOLKATA.is_stale(EVENING_UTC + PROFILE_FRESH_FOR + timedelta(seconds=1))
    assert Member.unknown("U9").is_stale(EVENING_UTC)
