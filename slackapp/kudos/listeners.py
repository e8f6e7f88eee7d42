"""Kudos's buttons, shortcut and modal submissions: give from App Home, a message or a goal's celebration; undo;
the workspace's allowance and values."""

import logging

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.views import View

from domain.kudos.records import Celebrated, Kudos, KudosForm, Post
from domain.kudos.services import Given, give_kudos, record_dms, undo_kudos
from domain.kudos.settings import kudos_settings, set_allowance, set_values
from domain.shared.errors import DomainError
from slackapp.home.listeners import publish_home
from slackapp.kudos import ids, messages, modals
from slackapp.kudos.announcer import POST_SECONDS, SlackAnnouncer
from slackapp.shared.context import member, services, unit_of_work, workspace
from slackapp.shared.directory import SlackDirectory
from slackapp.shared.inputs import read_state
from slackapp.shared.kudos_button import SEND_KUDOS, celebrated_goal
from slackapp.shared.replies import answer_submission, notice_modal, tell

log = logging.getLogger("trellis.kudos")


def kudos_uow(context: BoltContext, *, once: bool = True):
    return unit_of_work(context, "kudos", once=once)


def announcer(context: BoltContext) -> SlackAnnouncer:
    return SlackAnnouncer(
        services(context).clients.for_workspace(workspace(context), timeout=POST_SECONDS, retries=False)
    )


def postable(channel: str | None) -> str | None:
    """A channel a kudos may be posted in by default: not a direct message, which is no place for a post."""
    return channel if channel and not channel.startswith("D") else None


def give(context: BoltContext, form: KudosForm, view_id: str | None = None) -> Given:
    giver = member(context, allow_stale=True)
    clients = SlackDirectory(services(context).clients, workspace(context))
    return give_kudos(kudos_uow(context), services(context).clock, giver, form, clients, announcer(context), view_id)


def deliver(client: WebClient, context: BoltContext, kudos: Kudos, *, refresh_home: bool = True) -> None:
    """A DM to each recipient, kept so that an undo can take it back; then, unless the giver typed it, their App
    Home, where the form may have come from, with the allowance left."""
    dms = {}
    message = messages.recipient_dm(kudos)
    for user_id in kudos.recipients:
        try:
            sent = client.chat_postMessage(channel=user_id, **message)
            dms[user_id] = Post(sent["channel"], sent["ts"])
        except (SlackApiError, OSError) as error:  # one person unreachable must not stop the others
            reason = error.response.get("error") if isinstance(error, SlackApiError) else type(error).__name__
            log.warning("kudos DM to %s not sent: %s", user_id, reason)
    if dms:
        record_dms(kudos_uow(context, once=False), announcer(context), kudos.id, dms)
    if refresh_home:
        publish_home(context, client)


def open_give(client: WebClient, context: BoltContext, trigger_id: str, **preset) -> None:
    values = kudos_settings(kudos_uow(context)).values
    client.views_open(trigger_id=trigger_id, view=modals.give_modal(values, **preset))


def give_button(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    open_give(client, context, body["trigger_id"])


def from_message(ack: Ack, shortcut: dict, client: WebClient, context: BoltContext) -> None:
    """The message shortcut: the message's author is the recipient, and the kudos keeps a link to the message."""
    ack()
    message, channel = shortcut.get("message") or {}, (shortcut.get("channel") or {}).get("id")
    author = message.get("user")  # a bot's message has none
    recipients = (author,) if author and author != context.user_id else ()
    link = permalink(client, channel, message.get("ts"))
    open_give(client, context, shortcut["trigger_id"], recipients=recipients, channel=postable(channel), link=link)


def permalink(client: WebClient, channel: str | None, ts: str | None) -> str | None:
    if not channel or not ts:
        return None
    try:
        return client.chat_getPermalink(channel=channel, message_ts=ts)["permalink"]
    except (SlackApiError, OSError) as error:  # the kudos can do without the link
        log.info("no permalink for %s in %s: %s", ts, channel, getattr(error, "response", {}).get("error", error))
        return None


def celebration_button(ack: Ack, body: dict, action: dict, client: WebClient, context: BoltContext) -> None:
    """*Send kudos* on a goal's celebration: for its owner, or, pressed by the owner, for whoever helped."""
    ack()
    goal = celebrated_goal(action.get("value") or "")
    if goal is None:
        return
    owner, number, title = goal
    recipients = () if owner == context.user_id else (owner,)
    channel = postable((body.get("channel") or {}).get("id"))
    open_give(
        client,
        context,
        body["trigger_id"],
        recipients=recipients,
        channel=channel,
        celebrates=Celebrated(owner, number, title),
    )


def confirmation(given: Given, zone) -> dict:
    blocks = messages.given_blocks(given, zone)
    return View(type="modal", title="Kudos sent", close="Close", blocks=blocks).to_dict()


def submit_give(ack: Ack, view: dict, client: WebClient, context: BoltContext) -> None:
    given = {}

    def save() -> dict:
        given["it"] = give(context, modals.give_form(view), view.get("id"))
        return confirmation(given["it"], member(context, allow_stale=True).zone)

    if answer_submission(ack, save):
        deliver(client, context, given["it"].kudos)


def undo_button(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient, context: BoltContext):
    ack()
    try:
        kudos = undo_kudos(
            kudos_uow(context), services(context).clock, context.user_id, int(action["value"]), announcer(context)
        )
    except DomainError as error:
        tell(body, client, respond, error.message)
        return
    tell(body, client, respond, messages.taken_back_text(kudos), title="Taken back", replace=True)
    publish_home(context, client)


def submit_settings(ack: Ack, view: dict, context: BoltContext) -> None:
    def save() -> dict:
        allowance = set_allowance(
            kudos_uow(context), member(context), read_state(view["state"]["values"]).get("allowance")
        )
        return notice_modal("Saved", f"Everyone may now give {allowance} kudos a week.")

    answer_submission(ack, save)


def submit_values(ack: Ack, view: dict, context: BoltContext) -> None:
    def save() -> dict:
        values = set_values(kudos_uow(context), member(context), read_state(view["state"]["values"]).get("values"))
        if not values:
            return notice_modal("Saved", "This workspace has no values now; kudos are given without one.")
        return notice_modal("Saved", f"This workspace's values: {messages.values_text(values)}.")

    answer_submission(ack, save)


def register(app: App) -> None:
    app.action(ids.GIVE_OPEN)(give_button)
    app.action(SEND_KUDOS)(celebration_button)
    app.action(ids.UNDO)(undo_button)
    app.shortcut(ids.FROM_MESSAGE)(from_message)
    app.view(ids.GIVE)(submit_give)
    app.view(ids.SETTINGS)(submit_settings)
    app.view(ids.VALUES)(submit_values)
