"""Slack retries and people double-click: the goal life cycle holds under concurrency, on SQLite and PostgreSQL."""

import threading

from domain.goals.changes import complete_goal
from domain.goals.checkins import CheckInForm
from domain.goals.services import set_goal
from domain.goals.tracking import check_in
from domain.shared.clock import FixedClock
from tests.examples import goal_form, run_together
from tests.goals.test_persistence import ACME, ASHA, NOW


def test_two_concurrent_check_ins_on_one_goal_both_land(uow_factory):
    set_goal(uow_factory(ACME), FixedClock(NOW), ASHA, goal_form(metric="NPS", baseline="30", target="45"))
    values = iter(["35", "40"])
    lock = threading.Lock()

    def check():
        with lock:
            value = next(values)
        check_in(uow_factory(ACME), FixedClock(NOW), ASHA, 1, CheckInForm(value=value, confidence="3"))

    assert run_together(2, check) == []

    with uow_factory(ACME) as uow:
        goal = uow.goals.by_number("U1", 1)
        checkins = uow.history.checkins(goal.id)
    assert sorted(c.value for c in checkins) == [35.0, 40.0]
    assert goal.checkins == 2
    assert goal.current_value == max(checkins, key=lambda c: (c.at, c.id)).value  # the latest, not the last commit


def test_two_concurrent_completions_celebrate_once(uow_factory):
    set_goal(uow_factory(ACME), FixedClock(NOW), ASHA, goal_form())
    completions = []

    failures = run_together(4, lambda: completions.append(complete_goal(uow_factory(ACME), FixedClock(NOW), ASHA, 1)))

    assert failures == []
    assert [c.first for c in completions].count(True) == 1
    assert {c.goal.status.value for c in completions} == {"completed"}
