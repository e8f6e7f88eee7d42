"""The New goal modal, its parsed state, and the view shown once it is saved."""

from slack_sdk.models.blocks import (
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.blocks.block_elements import DatePickerElement
from slack_sdk.models.views import View

from domain.coach import METRIC_MAX, TITLE_MAX, UNIT_MAX, WHY_MAX
from domain.goals import GoalForm, Horizon, MeasureKind, Visibility
from domain.services import GoalSaved
from slackapp.views.goals import goal_details, goal_line
from slackapp.views.mrkdwn import escape, stars

NEW_GOAL_CALLBACK = "goal_new"
VALUE = "value"  # every input's action_id; each block_id is the GoalForm field it fills

_MEASURES = {
    MeasureKind.METRIC: ("A number I can track", "Fill in what you count and the target below"),
    MeasureKind.MILESTONES: ("Milestones I'll check off", "Progress comes from the milestones you add"),
}


def _text_input(field, label, *, limit, placeholder=None, hint=None, multiline=False, optional=False, initial=None):
    element = PlainTextInputElement(
        action_id=VALUE, max_length=limit, placeholder=placeholder, multiline=multiline, initial_value=initial or None
    )
    return InputBlock(block_id=field, label=label, element=element, hint=hint, optional=optional)


def _option(value: str, label: str, description: str | None = None) -> Option:
    return Option(value=value, label=label, description=description)


def new_goal_modal(title: str = "") -> dict:
    visibility = [_option(v.value, v.label) for v in Visibility]
    blocks = [
        _text_input(
            "title",
            "Your goal",
            limit=TITLE_MAX,
            initial=title[:TITLE_MAX],
            placeholder="Pass the AWS Solutions Architect Associate exam",
            hint="Specific: what will be true when it's done?",
        ),
        _text_input(
            "why",
            "Why it matters",
            limit=WHY_MAX,
            multiline=True,
            placeholder="I lead our cloud migration next year, and the team needs someone certified.",
            hint="Relevant: how does it move your career or your team forward?",
        ),
        InputBlock(
            block_id="horizon",
            label="Horizon",
            element=RadioButtonsElement(
                action_id=VALUE, options=[_option(h.value, h.label, h.span_text) for h in Horizon]
            ),
        ),
        InputBlock(
            block_id="due_on",
            label="Due date",
            element=DatePickerElement(action_id=VALUE),
            hint="Time-bound: the date must fit the horizon.",
        ),
        InputBlock(
            block_id="measure_kind",
            label="How will you measure it?",
            element=RadioButtonsElement(
                action_id=VALUE, options=[_option(k.value, *_MEASURES[k]) for k in MeasureKind]
            ),
        ),
        _text_input(
            "metric",
            "What you'll count",
            limit=METRIC_MAX,
            optional=True,
            placeholder="certifications, NPS, talks given",
        ),
        InputBlock(
            block_id="baseline",
            label="Starting value",
            optional=True,
            hint="Empty means 0.",
            element=NumberInputElement(action_id=VALUE, is_decimal_allowed=True),
        ),
        InputBlock(
            block_id="target",
            label="Target",
            optional=True,
            element=NumberInputElement(action_id=VALUE, is_decimal_allowed=True),
        ),
        _text_input("unit", "Unit", limit=UNIT_MAX, optional=True, placeholder="%, points, hours"),
        InputBlock(
            block_id="visibility",
            label="Who can see it",
            hint="This can't be changed later.",
            element=StaticSelectElement(action_id=VALUE, options=visibility, initial_option=visibility[0]),
        ),
    ]
    return View(
        type="modal", callback_id=NEW_GOAL_CALLBACK, title="New goal", submit="Save goal", close="Cancel", blocks=blocks
    ).to_dict()


def goal_form_from_state(values: dict) -> GoalForm:
    """Read a submitted New goal modal into raw form values."""
    fields = {}
    for field in GoalForm.__dataclass_fields__:
        state = values.get(field, {}).get(VALUE, {})
        selected = state.get("selected_option") or {}
        fields[field] = state.get("value") or state.get("selected_date") or selected.get("value")
    return GoalForm(**fields)


def goal_saved_modal(saved: GoalSaved) -> dict:
    assessment = saved.assessment
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=f"{goal_line(saved.goal)}\n{goal_details(saved.goal, assessment)}")),
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
