"""What every reminder ends with, whatever its kind: two ways to snooze, and where to change settings."""

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement

from slackapp.reminders import ids
from slackapp.shared.blocks import note, section

SETTINGS_NOTE = "Reminders follow your working hours and time zone: `/growth settings` changes them."


def reminder_message(text: str, blocks: list[Block], reminder_id: int, snoozes: bool = True) -> dict:
    """A kind's text and blocks, then the snooze buttons (for a kind that snoozes) and the settings note."""
    buttons = ActionsBlock(
        elements=[
            ButtonElement(text="Snooze 1 hour", action_id=ids.SNOOZE, value=f"hour:{reminder_id}"),
            ButtonElement(text="Tomorrow", action_id=ids.SNOOZE, value=f"tomorrow:{reminder_id}"),
        ]
    )
    return {
        "text": text,
        "blocks": [b.to_dict() for b in [*blocks, *([buttons] if snoozes else []), note(SETTINGS_NOTE)]],
    }


def snoozed_text(when: str) -> dict:
    text = f"Snoozed. Trellis will remind you again {when}."
    return {"text": text, "blocks": [section(text).to_dict()]}
