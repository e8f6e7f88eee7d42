"""Kudos's modals: give (from the command, App Home, a message or a goal's celebration), and the workspace's
allowance and values for admins; and reading each one back."""

from slack_sdk.models.blocks import (
    ConversationFilter,
    ConversationSelectElement,
    InputBlock,
    UserMultiSelectElement,
)

from domain.kudos.records import Celebrated, KudosForm
from domain.kudos.rules import MOST_RECIPIENTS, REASON_LIMIT, Value
from domain.kudos.settings import KudosSettings
from slackapp.kudos import ids
from slackapp.kudos.messages import celebrates_text
from slackapp.shared.blocks import note
from slackapp.shared.inputs import (
    VALUE,
    form_modal,
    metadata,
    number_input,
    option,
    radio_input,
    read_state,
    select_input,
    text_input,
)

PUBLIC, PRIVATE = "public", "private"
VISIBILITY = [
    option(PUBLIC, "Public", "Posted in a channel, and sent to each of them"),
    option(PRIVATE, "Private", "Sent only to them"),
]


def give_modal(
    values: list[Value],
    recipients: tuple[str, ...] = (),
    channel: str | None = None,
    link: str | None = None,
    celebrates: Celebrated | None = None,
) -> dict:
    blocks = []
    if celebrates is not None:
        blocks.append(note(celebrates_text(celebrates)))
    if link:
        blocks.append(note(f"For <{link}|this message>."))
    blocks += [
        InputBlock(
            block_id="to",
            label="Who",
            element=UserMultiSelectElement(
                action_id=VALUE,
                initial_users=list(recipients) or None,
                max_selected_items=MOST_RECIPIENTS,
                placeholder="Up to 10 teammates",
            ),
        ),
        text_input(
            "reason",
            "What for",
            limit=REASON_LIMIT,
            multiline=True,
            placeholder="What did they do, and what difference did it make?",
        ),
    ]
    if values:
        choices = [option(value.name, value.label) for value in values]
        blocks.append(select_input("value", "Value it shows", choices, optional=True, placeholder="None"))
    blocks += [
        radio_input("visibility", "Public or private", VISIBILITY, initial=VISIBILITY[0 if channel else 1]),
        InputBlock(
            block_id="channel",
            label="Channel to post in",
            optional=True,
            hint="For public kudos. Trellis must be a member there: `/invite @Trellis`.",
            element=ConversationSelectElement(
                action_id=VALUE,
                initial_conversation=channel,
                filter=ConversationFilter(include=["public", "private"], exclude_bot_users=True),
            ),
        ),
    ]
    goal = {}
    if celebrates is not None:
        goal = {"goal_owner": celebrates.owner_id, "goal": celebrates.goal_number, "goal_title": celebrates.title}
        goal |= {"milestone": celebrates.milestone} if celebrates.milestone else {}
    return form_modal(ids.GIVE, "Give kudos", "Send", blocks, link=link, **goal)


def give_form(view: dict) -> KudosForm:
    state, sent = read_state(view["state"]["values"]), metadata(view)
    celebrates = None
    if "goal" in sent:
        milestone = sent.get("milestone")
        celebrates = Celebrated(str(sent["goal_owner"]), int(sent["goal"]), str(sent["goal_title"]), milestone)
    return KudosForm(
        recipients=tuple(state.get("to") or ()),
        reason=state.get("reason"),
        value=state.get("value"),
        public=state.get("visibility") != PRIVATE,
        channel=state.get("channel"),
        link=sent.get("link"),
        celebrates=celebrates,
    )


def settings_modal(settings: KudosSettings) -> dict:
    blocks = [
        number_input(
            "allowance",
            "Kudos each person may give a week",
            initial=str(settings.allowance),
            hint="Each person a kudos is for counts one. The week starts on Monday in each giver's time zone.",
        )
    ]
    return form_modal(ids.SETTINGS, "Kudos settings", "Save", blocks)


def values_modal(values: list[Value]) -> dict:
    lines = "\n".join(value.label for value in values)
    blocks = [
        note("People tag a kudos with one of these, like `/kudos @ana for the release notes #ownership`."),
        text_input(
            "values",
            "Values, one a line",
            limit=1000,
            multiline=True,
            optional=True,
            initial=lines,
            placeholder=":muscle: ownership",
            hint="An emoji, then a one-word name. Up to 10. Leave it empty for none.",
        ),
    ]
    return form_modal(ids.VALUES, "Workspace values", "Save", blocks)
