"""Modals that work on one goal: check in, milestone, task, adjust, reflect, what helped; and the goal picker."""

from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject, SectionBlock

from domain.goals.adjustments import REASON_MAX
from domain.goals.changes import HELPED_MAX
from domain.goals.checkins import CHECKIN_TEXT_MAX
from domain.goals.coach import TITLE_MAX
from domain.goals.model import Goal, MeasureKind
from domain.goals.plan import LINK_MAX, PLAN_TITLE_MAX, Milestone, ResourceKind, TaskForm
from domain.goals.reflections import QUESTIONS, REFLECTION_MAX
from domain.shared.text import human_date, number_text
from slackapp.goals import ids
from slackapp.goals.cards import goal_line
from slackapp.goals.form import goal_skills_input
from slackapp.shared.blocks import escape
from slackapp.shared.inputs import (
    checkboxes_input,
    date_input,
    form_from_state,
    form_modal,
    number_input,
    option,
    read_state,
    select_input,
    text_input,
)


def _modal(callback_id: str, title: str, submit: str, blocks: list, metadata: dict) -> dict:
    return form_modal(callback_id, title, submit, blocks, **metadata)


def _about(goal: Goal) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=goal_line(goal)))


def checkin_modal(goal: Goal) -> dict:
    measure = goal.spec.measure
    blocks = [_about(goal)]
    if measure.kind is MeasureKind.METRIC:
        unit = f" {measure.unit}" if measure.unit else ""  # plain text: shown as typed, nothing to escape
        now = (
            number_text(goal.current_value)
            if goal.current_value is not None
            else f"{number_text(measure.baseline)} (the start)"
        )
        blocks.append(
            number_input(
                "value",
                f"{measure.metric} now"[:2000],
                hint=f"Target {number_text(measure.target)}{unit}. Last recorded: {now}.",
            )
        )
    else:
        blocks.append(
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text=f"Progress comes from milestones: {goal.milestones_done} of {goal.milestones_total} done."
                    )
                ]
            )
        )
    confidence = [
        option(str(n), f"{n} · {label}")
        for n, label in [(1, "not at all"), (2, "unsure"), (3, "so-so"), (4, "confident"), (5, "certain")]
    ]
    blocks += [
        select_input("confidence", "How confident are you that you'll make it?", confidence),
        text_input("blockers", "Blockers or roadblocks", limit=CHECKIN_TEXT_MAX, multiline=True, optional=True),
        text_input("learned", "What I learned", limit=CHECKIN_TEXT_MAX, multiline=True, optional=True),
        text_input("next_step", "My next step", limit=CHECKIN_TEXT_MAX, optional=True),
    ]
    return _modal(ids.CHECKIN, f"Check in on #{goal.number}"[:24], "Check in", blocks, {"goal": goal.number})


def milestone_modal(goal: Goal) -> dict:
    blocks = [
        _about(goal),
        text_input("title", "Milestone", limit=PLAN_TITLE_MAX, placeholder="Finish the practice exams"),
        date_input(
            "due_on", "Due date", hint=f"Between {human_date(goal.starts_on)} and {human_date(goal.spec.due_on)}."
        ),
    ]
    return _modal(ids.MILESTONE, "Add a milestone", "Add", blocks, {"goal": goal.number})


FLAGS = [option("urgent", "Urgent", "It has to happen soon"), option("important", "Important", "It moves the goal")]


def task_modal(goal: Goal, milestones: list[Milestone]) -> dict:
    blocks = [
        _about(goal),
        text_input("title", "Task", limit=PLAN_TITLE_MAX, placeholder="Book the exam slot"),
        date_input("due_on", "Due date"),
        checkboxes_input("flags", "Priority", FLAGS),
    ]
    if milestones:
        choices = [option(str(m.id), m.title, f"due {human_date(m.due_on)}") for m in milestones[:100]]
        blocks.append(select_input("milestone", "Part of milestone", choices, optional=True, placeholder="None"))
    kinds = [option(kind.value, kind.value.capitalize()) for kind in ResourceKind]
    blocks += [
        select_input("resource_kind", "Learning resource", kinds, optional=True, placeholder="None"),
        text_input("resource_link", "Link to the resource", limit=LINK_MAX, optional=True, placeholder="https://…"),
    ]
    return _modal(ids.TASK, "Add a task", "Add", blocks, {"goal": goal.number})


def task_form_from_state(values: dict) -> TaskForm:
    flags = read_state(values).get("flags") or []
    return form_from_state(values, TaskForm, urgent="urgent" in flags, important="important" in flags)


def edit_modal(goal: Goal) -> dict:
    spec = goal.spec
    blocks = [text_input("title", "Your goal", limit=TITLE_MAX, initial=spec.title)]
    if spec.measure.kind is MeasureKind.METRIC:
        blocks.append(
            number_input("target", f"Target ({spec.measure.metric})"[:2000], initial=number_text(spec.measure.target))
        )
    start, latest = spec.horizon.due_window(goal.starts_on)
    blocks += [
        date_input(
            "due_on",
            "Due date",
            initial=spec.due_on.isoformat(),
            hint=f"A {spec.horizon.value} goal started {human_date(goal.starts_on)} is due "
            f"{human_date(start)} to {human_date(latest)}.",
        ),
        goal_skills_input(spec.skills),
        text_input(
            "reason",
            "Why the change?",
            limit=REASON_MAX,
            multiline=True,
            hint="Every adjustment is kept in the goal's history.",
        ),
    ]
    return _modal(ids.EDIT, f"Adjust #{goal.number}"[:24], "Save", blocks, {"goal": goal.number})


def reflection_modal(goal: Goal) -> dict:
    blocks = [
        _about(goal),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text="Letting a goal go is part of growing. Answer at least one question: "
                    "it is kept under *Lessons*."
                )
            ]
        ),
        *[
            text_input(field, question, limit=REFLECTION_MAX, multiline=True, optional=True)
            for field, question in QUESTIONS.items()
        ],
    ]
    return _modal(ids.ABANDON, f"Reflect on #{goal.number}"[:24], "Let it go", blocks, {"goal": goal.number})


def helped_modal(goal: Goal) -> dict:
    blocks = [_about(goal), text_input("helped", "What helped most?", limit=HELPED_MAX, multiline=True)]
    return _modal(ids.HELPED, "What helped most?", "Save", blocks, {"goal_id": goal.id})


PICK_TITLES = {
    "checkin": "Check in",
    "milestone": "Add a milestone",
    "task": "Add a task",
    "edit": "Adjust a goal",
    "pause": "Pause a goal",
    "resume": "Resume a goal",
    "done": "Complete a goal",
    "abandon": "Let a goal go",
    "show": "A goal's history",
}


def picker_modal(verb: str, goals: list[Goal]) -> dict:
    choices = [option(str(g.number), f"#{g.number} {g.spec.title}") for g in goals[:100]]
    blocks = [select_input("goal", "Which goal?", choices, initial=choices[0] if len(choices) == 1 else None)]
    return _modal(ids.PICK, PICK_TITLES[verb], "Next", blocks, {"verb": verb})


def checked_in_text(checked) -> str:
    return f"Checked in. Every check-in is kept in the goal's history.\n{goal_line(checked.goal)}"


def milestone_added_text(milestone: Milestone) -> str:
    return f"Milestone added: *{escape(milestone.title)}*, due {human_date(milestone.due_on)}."


def task_added_text(task) -> str:
    return f"Task added to goal #{task.goal_number}: *{escape(task.title)}*, under “{task.quadrant.label.lower()}”."


def adjusted_text(goal: Goal) -> str:
    return f"Adjusted. The change and its reason are in the goal's history.\n{goal_line(goal)}"


def let_go_text(goal: Goal) -> str:
    return f"You let goal #{goal.number} go. Your reflection is kept under *Lessons* on your App Home."
