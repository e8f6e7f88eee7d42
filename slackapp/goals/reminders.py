"""What the goals' reminders say: the check-in DM, with a button a goal, and the due-soon notice.

The reminder engine adds the snooze buttons and the settings note to every reminder.
"""

from slack_sdk.models.blocks import Block, ButtonElement

from domain.goals.model import Goal
from domain.goals.reminders import CHECKIN, DUE_SOON, DueSoon
from domain.shared.text import human_date
from slackapp.goals import ids
from slackapp.goals.cards import goal_line, goal_name
from slackapp.shared.blocks import escape, note, pack, section

MAX_GOALS = 20  # a section and its button each: well inside a message's 50 blocks


def due_soon_message(notice: DueSoon) -> tuple[str, list[Block]]:
    """Milestones and tasks due tomorrow, and goals due in a week."""
    lines = [f"• Milestone *{escape(m.title)}* for {goal_name(g)}, due tomorrow" for m, g in notice.milestones]
    lines += [f"• Task *{escape(t.title)}* for goal #{t.goal_number}, due tomorrow" for t in notice.tasks]
    lines += [f"• Goal {goal_name(g)} is due in a week, on {human_date(g.spec.due_on)}" for g in notice.goals]
    text = "Coming up soon"
    return text, [section(f"*{text}*"), *[section(chunk) for chunk in pack(lines, sep="\n")[:MAX_GOALS]]]


def checkin_message(goals: list[Goal]) -> tuple[str, list[Block]]:
    count = len(goals)
    text = f"Time to check in on {'your goal' if count == 1 else f'{count} goals'}."
    blocks = [section(f"*{text}* A minute now keeps them moving.")]
    for goal in goals[:MAX_GOALS]:
        button = ButtonElement(text="Check in", action_id=ids.VERB_BUTTON + "checkin", value=str(goal.number))
        blocks.append(section(goal_line(goal), button))
    if count > MAX_GOALS:
        blocks.append(note(f"…and {count - MAX_GOALS} more. App Home has them all."))
    return text, blocks


REMINDER_VIEWS = {CHECKIN.name: checkin_message, DUE_SOON.name: due_soon_message}
