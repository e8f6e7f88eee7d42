"""App Home: each person's dashboard of their own goals."""

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from domain.services import GoalView
from slackapp.views.goals import goal_details, goal_line

NEW_GOAL_ACTION = "home_new_goal"
MAX_HOME_GOALS = 45  # 2 blocks each, plus the header, keeps Home under Slack's 100 blocks

EMPTY_STATE = (
    "*Welcome to Trellis.* Growth starts with one good goal.\n"
    "Make it *specific* (what will be true when it's done), *measurable* (a number or milestones), "
    "and give it a *horizon*: short (3–6 months), medium (1–3 years) or long (5–10 years).\n"
    "Press *New goal* below, or type `/goal new` in any channel. The coach scores your goal and tells you "
    "how to make it stronger."
)


def home_view(views: list[GoalView]) -> dict:
    blocks = [
        HeaderBlock(text="Your growth goals"),
        ActionsBlock(elements=[ButtonElement(text="New goal", action_id=NEW_GOAL_ACTION, style="primary")]),
        DividerBlock(),
    ]
    if not views:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=EMPTY_STATE)))
    for view in views[:MAX_HOME_GOALS]:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=goal_line(view.goal))))
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=goal_details(view.goal, view.assessment))]))
    if len(views) > MAX_HOME_GOALS:
        blocks.append(
            ContextBlock(
                elements=[MarkdownTextObject(text=f"…and {len(views) - MAX_HOME_GOALS} more goals, not shown here.")]
            )
        )
    return View(type="home", blocks=blocks).to_dict()
