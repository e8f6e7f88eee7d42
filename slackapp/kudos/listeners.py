"""Kudos's buttons, shortcut and modal submissions: give from App Home, a message or a goal's celebration; undo;
the workspace's allowance and values."""

import logging
from dataclasses import replace

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.views import View

from domain.kudos.ports import CannotPost
from domain.kudos.records import Celebrated, KudosForm, Post
from domain.kudos.services import Given, give_kudos, post_kudos, record_dms, undo_kudos
from domain.kudos.settings import kudos_settings, set_allowance, set_values
from domain.shared.errors import DomainError
from slackapp.home.listeners import publish_home
from slackapp.kudos import ids, messages, modals
from slackapp.kudos.announcer import POST_SECONDS, SlackAnnouncer
from slackapp.shared.clients import slack_error
from slackapp.shared.context import LOOKUP_SECONDS, member, services, unit_of_work, workspace
from slackapp.shared.directory import SlackDirectory
from slackapp.shared.inputs import read_state
from slackapp.shared.kudos_button import SEND_KUDOS, celebrated_goal
from slackapp.shared.replies import answer_submission, notice_modal, tell

log = logging.getLogger("trellis.kudos")


def kudos_uow(context: BoltContext, *, once: bool = True):
    return unit_of_work(context, "kudos", once=once)


def announcer(context: BoltContext) -> SlackAnnouncer:
    """Posts after the acknowledgement, with no retries: a retry after no answer could post twice."""
    return SlackAnnouncer(
        services(context).clients.for_workspace(workspace(context), timeout=POST_SECONDS, retries=False)
    )


def postable(channel: str | None, name: str = "") -> str | None:
    """A channel a kudos may be posted in by default: not a direct or group message, which is no place for a post
    (and where Trellis can't be invited)."""
    conversation = name == "directmessage" or name.startswith("mpdm-") or (channel or "").startswith("D")
    return None if conversation else channel


def give(context: BoltContext, form: KudosForm, view_id: str | None = None) -> Given:
    """Check and record a kudos (domain.kudos.services.give_kudos); nothing is posted yet."""
    giver = member(context, allow_stale=True)
    people = SlackDirectory(services(context).clients, workspace(context))
    return give_kudos(kudos_uow(context), services(context).clock, giver, form, people, view_id)


def send(client: WebClient, context: BoltContext, given: Given) -> Given:
    """After the acknowledgement: post a public kudos (CannotPost when the channel refuses it, and then nothing is
    kept), and a DM to each recipient, kept so that an undo can take it back."""
    kudos, slack = given.kudos, announcer(context)
    if kudos.public:
        kudos = post_kudos(kudos_uow(context, once=False), slack, kudos)
    dms = {}
    for user_id in kudos.recipients:
        try:
            sent = client.chat_postMessage(channel=user_id, **messages.recipient_dm(kudos, user_id))
            dms[user_id] = Post(sent["channel"], sent["ts"])
        except (SlackApiError, OSError) as error:  # one person unreachable must not stop the others
            log.warning("kudos DM to %s not sent: %s", user_id, slack_error(error))
    if dms:
        record_dms(kudos_uow(context, once=False), slack, kudos.id, dms)
    return replace(given, kudos=replace(kudos, dms=dms))


def open_give(client: WebClient, context: BoltContext, trigger_id: str, *, push: bool = False, **preset) -> None:
    values = kudos_settings(kudos_uow(context)).values
    show = client.views_push if push else client.views_open
    show(trigger_id=trigger_id, view=modals.give_modal(values, **preset))


def give_button(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    open_give(client, context, body["trigger_id"])


def from_message(ack: Ack, shortcut: dict, client: WebClient, context: BoltContext) -> None:
    """The message shortcut: the message's author is the recipient, and the kudos keeps a link to the message."""
    ack()
    message, channel = shortcut.get("message") or {}, shortcut.get("channel") or {}
    author = message.get("user")
    by_a_person = author and author != context.user_id and not message.get("bot_id") and not message.get("subtype")
    link = permalink(context, channel.get("id"), message.get("ts"))
    preset = {
        "recipients": (author,) if by_a_person else (),
        "channel": postable(channel.get("id"), channel.get("name") or ""),
    }
    open_give(client, context, shortcut["trigger_id"], link=link, **preset)


def permalink(context: BoltContext, channel: str | None, ts: str | None) -> str | None:
    """The message's link, asked briefly: the shortcut's trigger expires in 3 seconds."""
    if not channel or not ts:
        return None
    quick = services(context).clients.for_workspace(workspace(context), timeout=LOOKUP_SECONDS, retries=False)
    try:
        return quick.chat_getPermalink(channel=channel, message_ts=ts)["permalink"]
    except (SlackApiError, OSError) as error:  # the kudos can do without the link
        log.info("no permalink for %s in %s: %s", ts, channel, slack_error(error))
        return None


def celebration_button(ack: Ack, body: dict, action: dict, client: WebClient, context: BoltContext) -> None:
    """*Send kudos* on a goal's celebration or a milestone done: for its owner, or, pressed by the owner, for
    whoever helped. In a modal (a goal's history), the form opens on top of it."""
    ack()
    goal = celebrated_goal(action.get("value") or "")
    if goal is None:
        return
    owner, number, title, milestone = goal
    preset = {
        "recipients": () if owner == context.user_id else (owner,),
        "channel": postable((body.get("channel") or {}).get("id")),
        "celebrates": Celebrated(owner, number, title, milestone),
    }
    on_a_modal = (body.get("view") or {}).get("type") == "modal"
    open_give(client, context, body["trigger_id"], push=on_a_modal, **preset)


def confirmation(given: Given) -> dict:
    blocks = messages.given_blocks(given)
    return View(type="modal", title="Kudos sent", close="Close", blocks=blocks).to_dict()


def submit_give(ack: Ack, view: dict, client: WebClient, context: BoltContext) -> None:
    """Recorded before the acknowledgement, so that the form's answer is true; posted and sent after it, and the
    form then shows the result (or why the channel refused it, and nothing was kept)."""
    given = {}

    def save() -> dict:
        given["it"] = give(context, modals.give_form(view), view.get("id"))
        return notice_modal("Sending kudos", "Recorded. Posting and sending it now…")

    if not answer_submission(ack, save):
        return
    try:
        sent = send(client, context, given["it"])
        result = confirmation(sent)
    except CannotPost as refused:
        result = notice_modal("Not sent", f"{refused.message} Nothing was sent or counted.")
    try:
        client.views_update(view_id=view["id"], view=result)
    except SlackApiError as error:  # closed meanwhile: /kudos list and App Home have it
        log.info("kudos form %s not updated: %s", view.get("id"), slack_error(error))
    publish_home(context, client)


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
