"""Check-ins, adjustments and reflections: what each form accepts."""

from datetime import date

import pytest

from domain.goals.adjustments import EditForm, check_edit
from domain.goals.checkins import CheckInForm, check_checkin
from domain.goals.reflections import ReflectionForm, check_reflection
from domain.shared.errors import InvalidInput
from tests.examples import a_goal

TODAY = date(2026, 12, 1)


def test_a_metric_check_in_needs_the_value_and_a_confidence():
    with pytest.raises(InvalidInput) as refused:
        check_checkin(CheckInForm(value="", confidence="7"), a_goal())

    assert "current value of NPS" in refused.value.errors["value"]
    assert "1 to 5" in refused.value.errors["confidence"]


def test_a_milestone_check_in_needs_no_value():
    entry = check_checkin(CheckInForm(confidence="4", blockers="Waiting on budget"), a_goal(measure_kind="milestones"))

    assert entry.value is None and entry.confidence == 4 and entry.blockers == "Waiting on budget"


def test_an_adjustment_needs_a_reason_and_a_change():
    goal = a_goal()
    same = EditForm(goal.spec.title, "45", goal.spec.due_on.isoformat(), reason="")

    with pytest.raises(InvalidInput) as refused:
        check_edit(same, goal, TODAY)

    assert "reason" in refused.value.errors["reason"]
    assert "Nothing changed" in refused.value.errors["title"]


def test_an_adjustment_records_each_change():
    goal = a_goal()
    adjusted = check_edit(EditForm("A sharper goal for the team", "50", "2027-04-30", "Scope grew"), goal, TODAY)

    assert [(c.field, c.before, c.after) for c in adjusted.changes] == [
        ("goal", "Goal 1 for the team", "A sharper goal for the team"),
        ("target", "45", "50"),
        ("due date", "21 May 2027", "30 Apr 2027"),
    ]
    assert adjusted.spec.measure.target == 50


def test_an_extension_still_keeps_to_the_horizon_counted_from_the_start():
    goal = a_goal(starts_on="2026-11-21", due_on="2027-05-21")  # short: at most 21 May 2027

    with pytest.raises(InvalidInput) as refused:
        check_edit(EditForm(goal.spec.title, None, "2027-06-30", "More time"), goal, TODAY)

    assert "3–6 months" in refused.value.errors["due_on"]


def test_a_reflection_needs_at_least_one_answer():
    with pytest.raises(InvalidInput) as refused:
        check_reflection(ReflectionForm(" ", None, ""))

    assert "at least one" in refused.value.errors["happened"]
    assert check_reflection(ReflectionForm(None, "Start smaller", None)).learned == "Start smaller"


def test_a_goal_past_its_horizon_cannot_be_extended_and_says_what_to_do_instead():
    goal = a_goal(starts_on="2026-11-21", due_on="2027-05-21")

    with pytest.raises(InvalidInput) as refused:
        check_edit(EditForm(goal.spec.title, None, "2027-07-01", "More time"), goal, date(2027, 6, 1))

    assert "can't go past 21 May 2027" in refused.value.errors["due_on"]
    assert "set a new goal" in refused.value.errors["due_on"]


def test_a_goal_cannot_be_due_before_its_open_milestones():
    from domain.goals.plan import Milestone

    goal = a_goal(starts_on="2026-11-21", due_on="2027-05-21")
    milestone = Milestone(1, goal.id, "Pass the practice test", date(2027, 4, 1))

    with pytest.raises(InvalidInput) as refused:
        check_edit(EditForm(goal.spec.title, None, "2027-03-01", "Sooner"), goal, TODAY, [milestone])

    assert "“Pass the practice test” is due 1 Apr 2027" in refused.value.errors["due_on"]
    assert check_edit(EditForm(goal.spec.title, None, "2027-04-01", "Sooner"), goal, TODAY, [milestone])


def test_large_and_precise_targets_keep_every_digit():
    goal = a_goal()
    adjusted = check_edit(EditForm(goal.spec.title, "1234567.25", None, "Bigger"), goal, TODAY)

    assert [(c.field, c.after) for c in adjusted.changes] == [("target", "1234567.25")]


def test_links_must_be_web_addresses_that_cannot_relabel_themselves():
    from domain.goals.plan import is_web_link

    assert is_web_link("https://example.com/course?id=1&x=2")
    assert not is_web_link("https://example.com|<!channel>")
    assert not is_web_link("javascript:alert(1)")
    assert not is_web_link("https://")
