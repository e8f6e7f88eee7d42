"""Adjusting a goal: a new description, target, due date or skills, always with a reason, always kept."""

from dataclasses import dataclass, replace
from datetime import date, datetime

from domain.goals.coach import TITLE_MAX, check_horizon, check_skills, check_target
from domain.goals.model import Goal, GoalSpec, Measure, MeasureKind
from domain.goals.plan import Milestone
from domain.shared.forms import FormCheck
from domain.shared.text import human_date, number_text

REASON_MAX = 300


@dataclass(frozen=True)
class EditForm:
    title: str | None = None
    target: str | None = None
    due_on: str | None = None
    reason: str | None = None
    skills: list[str] | tuple[str, ...] | None = None  # None: not in the form, so kept as they are


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class Adjustment:
    at: datetime
    reason: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Adjusted:
    spec: GoalSpec
    reason: str
    changes: tuple[Change, ...]


def check_edit(form: EditForm, goal: Goal, today: date, open_milestones: list[Milestone] = ()) -> Adjusted:
    """The adjusted spec, or InvalidInput. The horizon's window still counts from the goal's start,
    and the goal stays due on or after its open milestones."""
    check = FormCheck()
    spec = goal.spec
    title = check.text("title", form.title, "the goal", TITLE_MAX)
    due_on = spec.due_on
    if form.due_on is not None and form.due_on != spec.due_on.isoformat():
        due_on = check.day("due_on", form.due_on, today)
        latest = spec.horizon.due_window(goal.starts_on)[1]
        if latest < today:
            check.fail(
                "due_on",
                f"A {spec.horizon.value} goal runs {spec.horizon.span_text} from its start, so this "
                f"one can't go past {human_date(latest)}. Reflect on it and set a new goal instead.",
            )
        check_horizon(check, spec.horizon, goal.starts_on, due_on)
        last = max(open_milestones, key=lambda m: m.due_on, default=None)
        if due_on and last and due_on < last.due_on and check.ok("due_on"):
            check.fail(
                "due_on",
                f"The milestone “{last.title}” is due {human_date(last.due_on)}: pick that date or a later one.",
            )
    measure = spec.measure
    if measure.kind is MeasureKind.METRIC and form.target is not None:
        target = check_target(check, form.target, measure.baseline)
        measure = replace(measure, target=target)
    skills = spec.skills if form.skills is None else check_skills(check, form.skills)
    reason = check.text("reason", form.reason, "the reason for the change", REASON_MAX)
    changes = tuple(_changes(spec, title, measure, due_on, skills))
    if not changes and check.ok("title", "target", "due_on", "skills"):
        check.fail("title", "Nothing changed. Change the goal, its target, its due date or its skills.")
    check.done()
    return Adjusted(replace(spec, title=title, measure=measure, due_on=due_on, skills=skills), reason, changes)


def _changes(spec: GoalSpec, title: str | None, measure: Measure, due_on: date | None, skills: tuple[str, ...]):
    if title and title != spec.title:
        yield Change("goal", spec.title, title)
    if measure.target != spec.measure.target and measure.target is not None:
        yield Change("target", number_text(spec.measure.target), number_text(measure.target))
    if due_on and due_on != spec.due_on:
        yield Change("due date", human_date(spec.due_on), human_date(due_on))
    if skills != spec.skills:
        yield Change("skills", ", ".join(spec.skills) or "none", ", ".join(skills) or "none")
