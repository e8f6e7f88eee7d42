"""Where goals meet kudos without importing them: the *Send kudos* button a goal's celebration carries, and what
its value says. slackapp/goals draws it; slackapp/kudos answers it."""

import json

from slack_sdk.models.blocks import ButtonElement

SEND_KUDOS = "kudos_send_open"
TITLE_LIMIT = 150  # a button's value holds at most 2000 characters


def send_kudos_button(
    owner_id: str, goal_number: int, title: str, text: str = "Send kudos", milestone: str | None = None
) -> ButtonElement:
    """A button that opens the kudos form for the goal's owner (or, pressed by the owner, for who helped), naming
    the goal, or one of its milestones."""
    celebrated = {"owner": owner_id, "goal": goal_number, "title": title[:TITLE_LIMIT]}
    if milestone:
        celebrated["milestone"] = milestone[:TITLE_LIMIT]
    return ButtonElement(text=text, action_id=SEND_KUDOS, value=json.dumps(celebrated))


def celebrated_goal(value: str) -> tuple[str, int, str, str | None] | None:
    """(owner, goal number, title, milestone or None) from a button's value; None when it isn't one of ours."""
    try:
        read = json.loads(value)
        milestone = read.get("milestone")
        return str(read["owner"]), int(read["goal"]), str(read["title"])[:TITLE_LIMIT], milestone and str(milestone)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
