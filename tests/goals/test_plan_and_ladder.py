"""Tasks in Eisenhower order, milestones within the goal's span, and the ladder's rules."""

from datetime import date

import pytest

from domain.goals.ladder import can_support, check_support, ladder
from domain.goals.model import Horizon
from domain.goals.plan import MilestoneForm, Quadrant, Task, TaskForm, check_milestone, check_task, in_plan_order
from domain.shared.errors import DomainError, InvalidInput
from tests.examples import a_goal

TODAY = date(2026, 12, 1)


def task(id, urgent, important, due):
    return Task(id, 10, 1, None, f"task {id}", date.fromisoformat(due), urgent, important)


def test_tasks_come_in_quadrant_order_then_by_due_date():
    tasks = [
        task(1, urgent=False, important=False, due="2026-12-02"),
        task(2, urgent=True, important=False, due="2026-12-03"),
        task(3, urgent=False, important=True, due="2026-12-09"),
        task(4, urgent=True, important=True, due="2026-12-20"),
        task(5, urgent=False, important=True, due="2026-12-04"),
        task(6, urgent=True, important=True, due="2026-12-05"),
    ]

    ordered = in_plan_order(tasks)

    assert [t.id for t in ordered] == [6, 4, 5, 3, 2, 1]
    assert [t.quadrant for t in ordered] == [Quadrant.DO_FIRST] * 2 + [Quadrant.SCHEDULE] * 2 + [
        Quadrant.DELEGATE,
        Quadrant.LATER,
    ]


def test_a_milestone_falls_within_the_goals_span():
    goal = a_goal(starts_on="2026-11-21", due_on="2027-05-21")

    assert check_milestone(MilestoneForm("Draft the outline", "2027-05-21"), goal, TODAY).due_on == date(2027, 5, 21)
    with pytest.raises(InvalidInput) as late:
        check_milestone(MilestoneForm("Draft the outline", "2027-05-22"), goal, TODAY)
    assert "21 Nov 2026 to 21 May 2027" in late.value.errors["due_on"]
    with pytest.raises(InvalidInput) as past:
        check_milestone(MilestoneForm("", "2026-11-30"), goal, TODAY)
    assert set(past.value.errors) == {"title", "due_on"}


def test_a_task_checks_its_milestone_link_and_resource():
    goal = a_goal()
    form = TaskForm(
        "Finish module 3",
        "2027-01-10",
        urgent=True,
        important=True,
        milestone="999",
        resource_kind=None,
        resource_link="ftp://example.com",
    )

    with pytest.raises(InvalidInput) as refused:
        check_task(form, goal, [], TODAY)

    assert set(refused.value.errors) == {"milestone", "resource_link", "resource_kind"}


def test_a_task_may_carry_a_learning_resource():
    form = TaskForm(
        "Read chapter 4", "2027-01-10", important=True, resource_kind="book", resource_link="https://example.com/book"
    )

    task = check_task(form, a_goal(), [], TODAY)

    assert task.resource.kind.value == "book" and task.resource.link == "https://example.com/book"
    assert task.important and not task.urgent


def test_only_longer_open_goals_of_my_own_can_be_supported():
    long_goal = a_goal(1, horizon="long", due_on="2032-01-01")
    medium_goal = a_goal(2, horizon="medium", due_on="2028-01-01")

    assert can_support(Horizon.SHORT, medium_goal) and can_support(Horizon.SHORT, long_goal)
    assert can_support(Horizon.MEDIUM, long_goal)
    assert not can_support(Horizon.MEDIUM, medium_goal)  # same horizon: no sideways links, so no cycles
    assert not can_support(Horizon.LONG, medium_goal)
    assert not can_support(Horizon.SHORT, a_goal(3, horizon="long", status="completed"))
    with pytest.raises(DomainError) as theirs:
        check_support(Horizon.SHORT, a_goal(4, horizon="long", owner_id="U2"), "U1")
    assert theirs.value.field == "supports"
    with pytest.raises(DomainError) as shorter:
        check_support(Horizon.MEDIUM, a_goal(5, horizon="short"), "U1")
    assert "longer horizon" in shorter.value.message


def test_no_chain_of_links_can_form_a_cycle():
    ranks = [Horizon.SHORT, Horizon.MEDIUM, Horizon.LONG]
    for lower in ranks:
        for upper in ranks:
            a, b = a_goal(1, horizon=upper.value), a_goal(2, horizon=lower.value)
            # if a may support b, then b may not support a
            assert not (can_support(a.spec.horizon, b) and can_support(b.spec.horizon, a))


def test_the_ladder_runs_long_to_medium_to_short():
    goals = [
        a_goal(1, horizon="short", supports_id=20),
        a_goal(2, horizon="medium", supports_id=30),
        a_goal(3, horizon="long"),
        a_goal(4, horizon="short"),
        a_goal(5, horizon="medium"),
    ]

    tree = ladder(goals)

    assert [r.goal.number for r in tree] == [3, 5, 4]
    assert [r.goal.number for r in tree[0].below] == [2]
    assert [r.goal.number for r in tree[0].below[0].below] == [1]
