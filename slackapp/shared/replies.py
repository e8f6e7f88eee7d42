"""Replies on every surface, and the one rule that turns a domain error into a reply where the person is:
inline `errors` in a modal, an ephemeral message for a command, a message or a modal for a button."""

import logging
from collections.abc import Callable

from slack_bolt import Ack, Respond
from slack_sdk import WebClient
from slack_sdk.models.views import View

from domain.shared.errors import AlreadyDone, DomainError, InvalidInput
from slackapp.shared.blocks import escape, section
from slackapp.shared.clients import slack_error

log = logging.getLogger("trellis.slack")


def reply(text: str, blocks: list) -> dict:
    """An ephemeral reply: fallback text plus blocks."""
    return {"response_type": "ephemeral", "text": text, "blocks": [b.to_dict() for b in blocks]}


def say(text: str) -> dict:
    """A one-paragraph ephemeral reply."""
    return reply(text, [section(text)])


def message(text: str) -> dict:
    """A one-paragraph message, for a DM."""
    return {"text": text, "blocks": [section(text).to_dict()]}


def notice_modal(title: str, text: str) -> dict:
    """A modal that only says something: a result, or why something can't be done."""
    return View(type="modal", title=title[:24], close="Close", blocks=[section(text)]).to_dict()


def saved_once() -> dict:
    """What a repeat of a modal submission is answered: the first delivery saved it."""
    return notice_modal("Saved", AlreadyDone().message)


def answer_submission(ack: Ack, build: Callable[[], dict]) -> bool:
    """Acknowledge a modal submission with the view `build` returns, or with what was wrong, on the field at
    fault where there is one. True when it went through. Any other failure is the boundary's (shared.boundary)."""
    try:
        view = build()
    except AlreadyDone:
        ack(response_action="update", view=saved_once())
        return False
    except InvalidInput as invalid:
        ack(response_action="errors", errors=invalid.errors)
        return False
    except DomainError as error:
        if error.field:
            ack(response_action="errors", errors={error.field: error.message})
        else:
            ack(response_action="update", view=notice_modal("Not done", error.message))
        return False
    ack(response_action="update", view=view)
    return True


def answer_command(ack: Ack, build: Callable[[], dict]) -> None:
    """Acknowledge a command with the reply `build` returns, or with why it can't be done."""
    try:
        answer = build()
    except DomainError as error:
        answer = say(error.message)
    ack(**answer)


def in_message(body: dict) -> bool:
    return body.get("container", {}).get("type") == "message"


def in_modal(body: dict) -> bool:
    return (body.get("view") or {}).get("type") == "modal"


def open_form(body: dict, client: WebClient, view: dict) -> None:
    """Open a modal from a click: on top of the modal clicked in, or on its own."""
    show = client.views_push if in_modal(body) else client.views_open
    show(trigger_id=body["trigger_id"], view=view)


def tell(
    body: dict, client: WebClient, respond: Respond, text: str, *, title: str = "Not done", replace: bool = False
) -> None:
    """Say something to the person who clicked: below the message they clicked in (or instead of it, with
    `replace`), in place of the modal they clicked in, or in a new modal."""
    if in_message(body):
        respond(replace_original=replace, **say(text))
    elif in_modal(body):
        client.views_update(view_id=body["view"]["id"], view=notice_modal(title, text))
    else:
        client.views_open(trigger_id=body["trigger_id"], view=notice_modal(title, text))


def on_click(body: dict, client: WebClient, respond: Respond, run: Callable[[], object]) -> bool:
    """Run what a button does; when a rule says no, tell the person why. True when it went through."""
    try:
        run()
    except DomainError as error:
        tell(body, client, respond, error.message)
        return False
    return True


def dm(client: WebClient, user_id: str, message: dict) -> bool:
    """Send a DM; False, with one log line, when Slack would not take it (one person unreachable must not stop the
    others)."""
    try:
        client.chat_postMessage(channel=user_id, **message)
        return True
    except Exception as error:
        log.warning("DM to %s not sent: %s", user_id, slack_error(error))
        return False


def answer_request(ack: Ack, body: dict, client: WebClient, respond: Respond, act: Callable[[], tuple]) -> None:
    """A button that answers a request (Accept, Decline, …): `act()` returns what replaces the message clicked in,
    and the DMs to send as (user id, message); when a rule says no, why, below the message."""
    ack()
    try:
        mine, dms = act()
    except DomainError as error:
        tell(body, client, respond, escape(error.message))
        return
    tell(body, client, respond, mine, title="Done", replace=True)
    for user_id, sent in dms:
        dm(client, user_id, sent)
