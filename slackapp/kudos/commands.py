"""/kudos: give from the command line or the form, list mine, and the workspace's settings and values."""

from domain.kudos.records import KudosForm
from domain.kudos.rules import read_command
from domain.kudos.services import recognition
from domain.kudos.settings import kudos_settings
from domain.shared.errors import DomainError, InvalidInput
from slackapp.kudos import messages, modals
from slackapp.kudos.listeners import give, kudos_uow, open_give, postable, send
from slackapp.shared.blocks import escape
from slackapp.shared.context import member, services
from slackapp.shared.replies import reply, say
from slackapp.shared.router import Call, Command, Takes, Verb

USAGE = "Like `/kudos @ana @ben for untangling the release checklist #ownership`, or `/kudos` alone for the form."


def give_verb(call: Call) -> None:
    """`/kudos` alone opens the form; `/kudos @people for … #value` gives at once. A kudos typed in a channel is
    posted there; one typed in a direct or group message is private."""
    channel = postable(call.command.get("channel_id"), call.command.get("channel_name") or "")
    call.ack()
    if not call.argument:
        open_give(call.client, call.context, call.trigger_id, channel=channel)
        return
    typed = read_command(call.argument)
    form = KudosForm(typed.recipients, typed.reason, typed.value, public=channel is not None, channel=channel)
    respond = call.context.respond
    try:
        given = send(call.client, call.context, give(call.context, form))
    except InvalidInput as invalid:  # names in it are as Slack has them: escaped for mrkdwn
        respond(**say(f"{escape(invalid.message)}\n{USAGE}"))
        return
    except DomainError as error:  # the allowance, or the channel refused the post: nothing was kept
        respond(**say(error.message))
        return
    respond(**reply(messages.given_text(given), messages.given_blocks(given)))


def listing(call: Call) -> None:
    person = member(call.context, allow_stale=True)
    view = recognition(kudos_uow(call.context), services(call.context).clock, person)
    call.ack(**messages.recognition_reply(view, person.zone, services(call.context).clock.now()))


def settings(call: Call) -> None:
    """Admins change the weekly allowance in a form; everyone else sees it."""
    person = member(call.context, allow_stale=True)
    current = kudos_settings(kudos_uow(call.context))
    if person.is_admin:
        call.ack()
        call.client.views_open(trigger_id=call.trigger_id, view=modals.settings_modal(current))
        return
    values = messages.values_text(current.values)
    call.ack(
        **say(
            f"Each person may give *{current.allowance}* kudos a week. Values: {values}.\n"
            "Workspace admins change these with `/kudos settings` and `/kudos values`."
        )
    )


def values(call: Call) -> None:
    """Admins keep the list in a form; everyone else reads it."""
    person = member(call.context, allow_stale=True)
    current = kudos_settings(kudos_uow(call.context)).values
    if person.is_admin:
        call.ack()
        call.client.views_open(trigger_id=call.trigger_id, view=modals.values_modal(current))
        return
    if not current:
        call.ack(**say("This workspace has no values yet. Workspace admins add them with `/kudos values`."))
        return
    lines = "\n".join(f"• {escape(value.label)}" for value in current)
    call.ack(**say(f"*This workspace's values*\n{lines}"))


KUDOS = Command(
    "/kudos",
    intro="*Recognise teammates, in public or in private.*",
    default="give",
    fallback="give",
    footer="Each person a kudos is for counts one against your weekly allowance. There is no leaderboard.",
).add(
    Verb(
        "give",
        give_verb,
        (
            ("/kudos", "the form: who, what for, a value, public or private, and where", "/kudos"),
            (
                "/kudos @people for … #value",
                "give kudos at once, posted in this channel (private in a DM)",
                "/kudos @ana for the calm incident review #ownership",
            ),
        ),
        Takes.TEXT,
    ),
    Verb("list", listing, (("/kudos list", "the kudos you received and gave in the last 90 days", "/kudos list"),)),
    Verb(
        "settings",
        settings,
        (("/kudos settings", "the weekly allowance; workspace admins change it", "/kudos settings"),),
    ),
    Verb("values", values, (("/kudos values", "the workspace's values; admins keep the list", "/kudos values"),)),
)
