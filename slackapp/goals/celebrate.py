"""The congratulation DM and the celebrations channel post."""

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, ContextBlock, MarkdownTextObject, SectionBlock

from domain.goals.changes import Completion
from domain.goals.model import Goal
from slackapp.goals import ids
from slackapp.goals.cards import goal_name
from slackapp.shared.kudos_button import send_kudos_button


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def journey_text(completion: Completion) -> str:
    journey = completion.journey
    parts = [f"It took you {_plural(journey.days, 'day')}", _plural(journey.checkins, "check-in")]
    if journey.milestones_total:
        parts.append(f"{journey.milestones_done} of {_plural(journey.milestones_total, 'milestone')} done")
    return ", ".join(parts) + "."


def completion_dm(completion: Completion) -> dict:
    goal = completion.goal
    text = f"🎉 You did it: {goal_name(goal)}"
    buttons = [ButtonElement(text="What helped most?", action_id=ids.HELPED_OPEN, value=str(goal.id), style="primary")]
    if completion.share_channel:
        buttons.append(ButtonElement(text="Share with the team", action_id=ids.SHARE, value=str(goal.id)))
    buttons.append(send_kudos_button(goal.owner_id, goal.number, goal.spec.title, "Thank who helped"))
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=f"*{text}*\n{journey_text(completion)}")),
        SectionBlock(
            text=MarkdownTextObject(
                text="Take a moment with it. What helped most? Your answer is kept with the goal for next time."
            )
        ),
        ActionsBlock(elements=buttons),
    ]
    if completion.share_channel:
        blocks.append(
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text=f"Sharing posts it in <#{completion.share_channel}>; only you can choose to."
                    )
                ]
            )
        )
    return {"text": text, "blocks": [b.to_dict() for b in blocks]}


def shared_dm(message: dict, channel: str) -> dict:
    """The congratulation once shared: the share button gives way to where it went; the rest stays."""
    blocks = []
    for block in message.get("blocks", []):
        if block.get("type") == "actions":
            block = {**block, "elements": [e for e in block["elements"] if e.get("action_id") != ids.SHARE]}
        if block.get("type") == "context" or (block.get("type") == "actions" and not block["elements"]):
            continue  # the old "sharing posts it in …" note, or an emptied row of buttons
        blocks.append(block)
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=f"Shared in <#{channel}>. 🎉")]).to_dict())
    return {"text": message.get("text") or "Shared", "blocks": blocks}


def celebration_post(goal: Goal, owner_id: str) -> dict:
    """The post in the celebrations channel, with a *Send kudos* button for everyone who sees it."""
    text = f"🎉 <@{owner_id}> completed a goal: {goal_name(goal)}"
    kudos = send_kudos_button(owner_id, goal.number, goal.spec.title)
    blocks = [SectionBlock(text=MarkdownTextObject(text=text)), ActionsBlock(elements=[kudos])]
    return {"text": text, "blocks": [b.to_dict() for b in blocks]}
