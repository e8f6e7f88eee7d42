"""The check-in reminder DM: every goal due a check-in, each with its button, and two ways to snooze."""

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, ContextBlock, MarkdownTextObject, SectionBlock

from domain.goals.model import Goal
from domain.shared.text import human_date
from domain.reminders.model import DueSoon
from slackapp.views.goals import goal_line, goal_name
from slackapp.views.home import GOAL_BUTTON
from slackapp.views.mrkdwn import escape, pack

SNOOZE = "reminder_snooze"  # value: "hour:<reminder id>" or "tomorrow:<reminder id>"
MAX_GOALS = 20  # a section and its button each: well inside a message's 50 blocks


def _snoozes(reminder_id: int) -> ActionsBlock:
    return ActionsBlock(
        elements=[
            ButtonElement(text="Snooze 1 hour", action_id=SNOOZE, value=f"hour:{reminder_id}"),
            ButtonElement(text="Tomorrow", action_id=SNOOZE, value=f"tomorrow:{reminder_id}"),
        ]
    )


def due_soon_dm(notice: DueSoon, reminder_id: int) -> dict:
    """Milestones and tasks due tomorrow, and goals due in a week."""
    lines = [f"• Milestone *{escape(m.title)}* for {goal_name(g)}, due tomorrow" for m, g in notice.milestones]
    lines += [f"• Task *{escape(t.title)}* for goal #{t.goal_number}, due tomorrow" for t in notice.tasks]
    lines += [f"• Goal {goal_name(g)} is due in a week, on {human_date(g.spec.due_on)}" for g in notice.goals]
    text = "Coming up soon"
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=f"*{text}*")),
        *[SectionBlock(text=MarkdownTextObject(text=chunk)) for chunk in pack(lines, sep="\n")[:MAX_GOALS]],
        _snoozes(reminder_id),
    ]
    return {"text": text, "blocks": [b.to_dict() for b in blocks]}


def reminder_dm(goals: list[Goal], reminder_id: int) -> dict:
    count = len(goals)
    text = f"Time to check in on {'your goal' if count == 1 else f'{count} goals'}."
    blocks = [SectionBlock(text=MarkdownTextObject(text=f"*{text}* A minute now keeps them moving."))]
    for goal in goals[:MAX_GOALS]:
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(text=goal_line(goal)),
                accessory=ButtonElement(text="Check in", action_id=GOAL_BUTTON + "checkin", value=str(goal.number)),
            )
        )
    if count > MAX_GOALS:
        blocks.append(
            ContextBlock(elements=[MarkdownTextObject(text=f"…and {count - MAX_GOALS} more. App Home has them all.")])
        )
    blocks.append(_snoozes(reminder_id))
    blocks.append(
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text="Reminders follow your working hours and time zone: `/growth settings` changes them."
                )
            ]
        )
    )
    return {"text": text, "blocks": [b.to_dict() for b in blocks]}


def snoozed_text(when: str) -> dict:
    text = f"Snoozed. Trellis will remind you again {when}."
    return {"text": text, "blocks": [SectionBlock(text=MarkdownTextObject(text=text)).to_dict()]}
