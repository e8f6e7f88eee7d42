"""What privacy says in Slack, as pure functions of counts: never a record's content."""

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, ConfirmObject
from slack_sdk.models.views import View

from domain.privacy.export import Export
from domain.privacy.kinds import in_words
from slackapp.privacy import ids
from slackapp.shared.blocks import section
from slackapp.shared.replies import reply

PREPARING = "Preparing your export: Trellis will send it to you in a direct message in a moment."
EXPORT_FAILED = "Trellis couldn't send your export just now, and nothing was shared. Try `/growth export` again later."
NOTHING_HELD = "Trellis holds nothing about you in this workspace: there is nothing to erase."
KEPT = "Nothing was erased."
WHAT_STAYS = (
    "Answers you gave others with your name keep their text but lose your name; anonymous answers you gave stay "
    "as they are, since nothing links them to you. Messages already posted in Slack stay in Slack."
)


def export_comment(export: Export) -> str:
    """The message that comes with the file."""
    held = in_words(export.counts())
    return (
        f"Here is everything Trellis holds about you in this workspace: {held}. `trellis-export.json` has it all, "
        "and each kind has its own CSV file. `/growth erase` deletes it."
    )


def erase_confirmation(counts: dict[str, int]) -> dict:
    """The ephemeral question, with a danger button that asks once more."""
    if not any(counts.values()):
        return reply(NOTHING_HELD, [section(NOTHING_HELD)])
    question = (
        f"*Erase everything Trellis holds about you in this workspace?* That is {in_words(counts)}.\n{WHAT_STAYS}\n"
        "This can't be undone: `/growth export` first if you want a copy."
    )
    confirm = ConfirmObject(
        title="Erase your data?",
        text="Everything Trellis holds about you in this workspace is deleted at once. This can't be undone.",
        confirm="Erase",
        deny="Keep it",
        style="danger",
    )
    buttons = ActionsBlock(
        elements=[
            ButtonElement(text="Erase my data", action_id=ids.ERASE, value="erase", style="danger", confirm=confirm),
            ButtonElement(text="Keep my data", action_id=ids.KEEP, value="keep"),
        ]
    )
    return reply("Erase everything Trellis holds about you?", [section(question), buttons])


def erased_home(text: str) -> dict:
    """App Home straight after an erasure: what was done, and how to start again. Opening it again rebuilds it."""
    blocks = [
        section(f"*Your data was erased.* {text}"),
        section("Trellis starts afresh whenever you like: `/goal` sets a goal, `/growth help` shows the rest."),
    ]
    return View(type="home", blocks=blocks).to_dict()
