"""The SMART coach: hard rules that block a save, and the advice after it."""

from datetime import date

import pytest

from domain.goals.coach import TITLE_MAX, WHY_MAX, assess, check_goal
from domain.goals.model import Horizon, MeasureKind
from domain.shared.errors import InvalidInput
from tests.examples import goal_form

TODAY = date(2026, 11, 21)
GOOD = goal_form()


def errors_for(**changes) -> dict[str, str]:
    with pytest.raises(InvalidInput) as raised:
        check_goal(goal_form(**changes), TODAY)
    return raised.value.errors


def test_a_good_goal_passes_and_keeps_its_values():
    spec = check_goal(GOOD, TODAY)

    assert spec.horizon is Horizon.SHORT
    assert spec.due_on == date(2027, 4, 30)
    assert spec.measure.kind is MeasureKind.METRIC and spec.measure.target == 1.0


def test_a_due_date_in_the_past_is_refused_on_the_due_date_field():
    assert "in the past" in errors_for(due_on="2026-11-20")["due_on"]


def test_today_is_not_in_the_past_but_is_outside_a_short_horizon():
    message = errors_for(due_on="2026-11-21")["due_on"]

    assert "in the past" not in message
    assert "3–6 months" in message and "21 Feb 2027" in message and "21 May 2027" in message


@pytest.mark.parametrize(
    ("horizon", "too_early", "earliest", "latest", "too_late"),
    [
        ("short", "2027-02-20", "2027-02-21", "2027-05-21", "2027-05-22"),
        ("medium", "2027-11-20", "2027-11-21", "2029-11-21", "2029-11-22"),
        ("long", "2031-11-20", "2031-11-21", "2036-11-21", "2036-11-22"),
    ],
)
def test_each_horizon_accepts_its_range_inclusive_and_names_it_when_refusing(
    horizon, too_early, earliest, latest, too_late
):
    for ok in (earliest, latest):
        assert check_goal(goal_form(horizon=horizon, due_on=ok), TODAY).due_on.isoformat() == ok
    for bad in (too_early, too_late):
        message = errors_for(horizon=horizon, due_on=bad)["due_on"]
        assert Horizon(horizon).span_text in message


def test_empty_and_whitespace_text_is_refused():
    errors = errors_for(title="   ", why="")

    assert "can't be empty" in errors["title"]
    assert "can't be empty" in errors["why"]


def test_over_long_text_is_refused_at_the_fields_limit():
    assert check_goal(goal_form(title="x" * TITLE_MAX), TODAY)
    assert f"{TITLE_MAX} characters" in errors_for(title="x" * (TITLE_MAX + 1))["title"]
    assert f"{WHY_MAX} characters" in errors_for(why="y" * (WHY_MAX + 1))["why"]


def test_no_measure_is_refused():
    assert "measure" in errors_for(measure_kind=None)["measure_kind"]


def test_a_number_measure_needs_what_is_counted_and_a_target():
    errors = errors_for(metric="", target=None)

    assert "count" in errors["metric"]
    assert "aiming for" in errors["target"]


def test_a_target_equal_to_the_start_is_refused():
    assert "nothing to reach" in errors_for(baseline="45", target="45")["target"]


def test_a_target_that_is_not_a_number_is_refused():
    assert "must be a number" in errors_for(target="lots")["target"]
    assert "must be a number" in errors_for(target="nan")["target"]


def test_milestones_need_no_number():
    spec = check_goal(goal_form(measure_kind="milestones", metric=None, target=None), TODAY)

    assert spec.measure.kind is MeasureKind.MILESTONES


def test_every_problem_is_reported_at_once():
    errors = errors_for(title="", horizon=None, due_on=None, visibility="everyone")

    assert set(errors) == {"title", "horizon", "due_on", "visibility"}


def spec(**changes):
    return check_goal(goal_form(**changes), TODAY)


def test_a_strong_goal_scores_five_with_no_tips():
    assessment = assess(spec())

    assert assessment.score == 5
    assert assessment.tips == ()


def test_a_vague_verb_with_no_number_is_not_measurable():
    assessment = assess(spec(title="Improve my public speaking at work", measure_kind="milestones"))

    assert "M" in [tip.letter for tip in assessment.tips]
    assert assessment.score == 4


def test_a_vague_verb_with_a_number_is_measurable():
    assessment = assess(spec(title="Improve NPS from 30 to 45 this half", measure_kind="milestones"))

    assert "M" not in [tip.letter for tip in assessment.tips]


def test_each_missing_letter_gets_one_concrete_tip():
    assessment = assess(
        spec(title="Get better at stuff someday, always", why="Because.", measure_kind="milestones", metric=None)
    )

    assert [tip.letter for tip in assessment.tips] == ["S", "M", "A", "R", "T"]
    assert assessment.score == 0
    assert all(len(tip.advice) > 40 for tip in assessment.tips)
