"""The New goal modal, its parsed state, and the view shown once it is saved."""

from functools import cache

from slack_sdk.models.blocks import (
    ContextBlock,
    ExternalDataSelectElement,
    InputBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from domain.goals.coach import METRIC_MAX, TITLE_MAX, UNIT_MAX, WHY_MAX
from domain.goals.model import Goal, GoalForm, Horizon, MeasureKind, Visibility
from domain.goals.services import GoalSaved
from slackapp.goals import ids
from slackapp.goals.cards import goal_details, goal_line
from slackapp.shared.blocks import escape, stars
from slackapp.shared.inputs import (
    date_input,
    form_from_state,
    form_modal,
    number_input,
    option,
    radio_input,
    select_input,
    text_input,
)
from slackapp.shared.skills_select import skills_input

_MEASURES = {
    MeasureKind.METRIC: ("A number I can track", "Fill in what you count and the target below"),
    MeasureKind.MILESTONES: ("Milestones I'll check off", "Progress comes from the milestones you add"),
}


SKILLS_HINT = "While the goal is active, they count as skills you want to learn on your growth profile."


def goal_skills_input(initial: tuple[str, ...] = ()):
    """The skills a goal builds, in the New goal and Adjust forms."""
    return skills_input("skills", "Skills this goal builds", initial=list(initial), hint=SKILLS_HINT)


_SUPPORTS = InputBlock(
    block_id="supports",
    label="Supports one of your longer goals",
    optional=True,
    hint="A short goal can serve a medium or long one; a medium goal, a long one.",
    element=ExternalDataSelectElement(action_id=ids.SUPPORTS_OPTIONS, placeholder="None", min_query_length=0),
)


def supports_options(longer_goals: list[Goal]) -> list[dict]:
    """The options of the supports menu: the goals a new goal may support."""
    return [
        option(str(g.id), f"#{g.number} {g.spec.title}", f"{g.spec.horizon.label} goal").to_dict()
        for g in longer_goals[:100]
    ]


def new_goal_modal(title: str = "") -> dict:
    """The New goal form, with the goal filled in when `title` is given. It reads nothing, so it opens fast."""
    modal = _new_goal_modal()  # shared: build new dicts rather than change it
    if not title:
        return modal
    blocks = list(modal["blocks"])
    blocks[0] = _title_input(title[:TITLE_MAX]).to_dict()
    return {**modal, "blocks": blocks}


def _title_input(initial: str | None = None):
    return text_input(
        "title",
        "Your goal",
        limit=TITLE_MAX,
        initial=initial,
        placeholder="Pass the AWS Solutions Architect Associate exam",
        hint="Specific: what will be true when it's done?",
    )


@cache
def _new_goal_modal() -> dict:
    visibility = [option(v.value, v.label) for v in Visibility]
    blocks = [
        _title_input(),
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
        goal_skills_input(),
        select_input(
            "visibility", "Who can see it", visibility, initial=visibility[0], hint="This can't be changed later."
        ),
        _SUPPORTS,
    ]
    return form_modal(ids.NEW_GOAL, "New goal", "Save goal", blocks)


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
