"""The New goal modal, its parsed state, and the view shown once it is saved."""

from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject, SectionBlock
from slack_sdk.models.views import View

from domain.coach import METRIC_MAX, TITLE_MAX, UNIT_MAX, WHY_MAX
from domain.goals import Goal, GoalForm, Horizon, MeasureKind, Visibility
from domain.services import GoalSaved
from slackapp.views.goals import goal_details, goal_line
from slackapp.views.inputs import (
    date_input,
    form_from_state,
    number_input,
    option,
    radio_input,
    select_input,
    text_input,
)
from slackapp.views.mrkdwn import escape, stars

NEW_GOAL_CALLBACK = "goal_new"

_MEASURES = {
    MeasureKind.METRIC: ("A number I can track", "Fill in what you count and the target below"),
    MeasureKind.MILESTONES: ("Milestones I'll check off", "Progress comes from the milestones you add"),
}


def _supports_block(longer_goals: list[Goal]):
    options = [
        option(str(g.id), f"#{g.number} {g.spec.title}", f"{g.spec.horizon.label} goal") for g in longer_goals[:100]
    ]
    return select_input(
        "supports",
        "Supports one of your longer goals",
        options,
        optional=True,
        placeholder="None",
        hint="A short goal can serve a medium or long one; a medium goal, a long one.",
    )


def new_goal_modal(title: str = "", longer_goals: list[Goal] = ()) -> dict:
    """The New goal form; `longer_goals` are the goals it may support, offered when there are any."""
    visibility = [option(v.value, v.label) for v in Visibility]
    ladder = [_supports_block(longer_goals)] if longer_goals else []
    blocks = [
        text_input(
            "title",
            "Your goal",
            limit=TITLE_MAX,
            initial=title[:TITLE_MAX],
            placeholder="Pass the AWS Solutions Architect Associate exam",
            hint="Specific: what will be true when it's done?",
        ),
        text_input(
            "why",
            "Why it matters",
            limit=WHY_MAX,
            multiline=True,
            placeholder="I lead our cloud migration next year, and the team needs someone certified.",
            hint="Relevant: how does it move your career or your team forward?",
        ),
        radio_input("horizon", "Horizon", [option(h.value, h.label, h.span_text) for h in Horizon]),
        date_input("due_on", "Due date", hint="Time-bound: the date must fit the horizon."),
        radio_input("measure_kind", "How will you measure it?", [option(k.value, *_MEASURES[k]) for k in MeasureKind]),
        text_input(
            "metric",
            "What you'll count",
            limit=METRIC_MAX,
            optional=True,
            placeholder="certifications, NPS, talks given",
        ),
        number_input("baseline", "Starting value", optional=True, hint="Empty means 0."),
        number_input("target", "Target", optional=True),
        text_input("unit", "Unit", limit=UNIT_MAX, optional=True, placeholder="%, points, hours"),
        select_input(
            "visibility", "Who can see it", visibility, initial=visibility[0], hint="This can't be changed later."
        ),
        *ladder,
    ]
    return View(
        type="modal", callback_id=NEW_GOAL_CALLBACK, title="New goal", submit="Save goal", close="Cancel", blocks=blocks
    ).to_dict()


def goal_form_from_state(values: dict) -> GoalForm:
    """Read a submitted New goal modal into raw form values."""
    return form_from_state(values, GoalForm)


def goal_saved_modal(saved: GoalSaved) -> dict:
    assessment = saved.assessment
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=f"{goal_line(saved.goal)}\n{goal_details(saved.goal)}")),
        SectionBlock(
            text=MarkdownTextObject(
                text=f"*SMART score {assessment.score}/5* {stars(assessment.score)}"
                + ("\nA strong goal. Now make it happen." if not assessment.tips else "\nTo make it stronger:")
            )
        ),
        *[
            SectionBlock(text=MarkdownTextObject(text=f"*{tip.letter}* · {escape(tip.advice)}"))
            for tip in assessment.tips
        ],
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text="Your goals are on the Trellis App Home tab, and `/goal list` shows their numbers."
                )
            ]
        ),
    ]
    return View(type="modal", title="Goal saved", close="Done", blocks=blocks).to_dict()
