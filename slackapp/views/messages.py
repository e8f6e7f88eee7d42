"""Ephemeral replies to /goal: the list, help and usage."""

from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject, SectionBlock

from domain.services import GoalView
from slackapp.views.goals import goal_details, goal_line
from slackapp.views.mrkdwn import escape

MAX_LISTED = 40  # one block a goal keeps a message under Slack's 50 blocks

GOAL_HELP = [
    ("/goal", "open the New goal form", "/goal"),
    (
        "/goal new [your goal]",
        "open the form with the goal filled in",
        "/goal new Pass the AWS Solutions Architect exam",
    ),
    ("/goal list", "list your goals with their numbers (#1, #2, …)", "/goal list"),
    ("/goal help", "show this help", "/goal help"),
]


def _help_lines() -> str:
    return "\n".join(f"• `{usage}`: {what}. Example: `{example}`" for usage, what, example in GOAL_HELP)


def reply(text: str, blocks: list) -> dict:
    """An ephemeral reply: fallback text plus blocks."""
    return {"response_type": "ephemeral", "text": text, "blocks": [b.to_dict() for b in blocks]}


def goal_help() -> dict:
    text = "*Set SMART goals and track them in Slack.*\n" + _help_lines()
    return reply("Trellis /goal help", [SectionBlock(text=MarkdownTextObject(text=text))])


def goal_usage(problem: str) -> dict:
    text = f"{problem}\nHere is what `/goal` understands:\n{_help_lines()}"
    return reply(problem, [SectionBlock(text=MarkdownTextObject(text=text))])


def unknown_subcommand(word: str) -> dict:
    return goal_usage(f"I don't know `/goal {escape(word)}`.")


def not_yet(command: str) -> dict:
    text = f"`{escape(command)}` is not ready in this version of Trellis yet. Goals are: try `/goal help`."
    return reply(text, [SectionBlock(text=MarkdownTextObject(text=text))])


def goal_list(views: list[GoalView]) -> dict:
    if not views:
        text = "You have no goals yet. Type `/goal new` to set your first one."
        return reply(text, [SectionBlock(text=MarkdownTextObject(text=text))])
    blocks = [SectionBlock(text=MarkdownTextObject(text=f"*Your goals ({len(views)})*"))]
    for view in views[:MAX_LISTED]:
        details = goal_details(view.goal, view.assessment)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=f"{goal_line(view.goal)}\n{details}")))
    if len(views) > MAX_LISTED:
        more = len(views) - MAX_LISTED
        blocks.append(
            ContextBlock(
                elements=[MarkdownTextObject(text=f"…and {more} more. Open the Trellis App Home tab to see them all.")]
            )
        )
    fallback = "Your goals: " + ", ".join(f"#{v.goal.number} {escape(v.goal.spec.title)}" for v in views[:MAX_LISTED])
    return reply(fallback[:3000], blocks)
