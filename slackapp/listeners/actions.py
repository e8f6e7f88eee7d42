"""Buttons and menus: on App Home, in /goal's replies, and in the congratulation DM."""

import re

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from domain.goals.changes import claim_celebration, release_celebration
from domain.shared.errors import DomainError
from domain.goals.services import my_goal
from domain.goals.tracking import finish_milestone, finish_task, open_tasks
from slackapp.listeners.context import member, services, unit_of_work
from slackapp.listeners.goal_flow import MODAL_VERBS, act, follow_up, goal_modal, publish_home
from slackapp.views import messages
from slackapp.views.celebrate import HELPED_BUTTON, SHARE_BUTTON, celebration_post, shared_dm
from slackapp.views.goal_form import new_goal_modal
from slackapp.views.goal_modals import helped_modal, metadata, notice_modal
from slackapp.views.home import GOAL_BUTTON, GOAL_MENU, NEW_GOAL_ACTION
from slackapp.views.mrkdwn import escape
from slackapp.views.plan import MILESTONE_DONE, TASK_DONE


def new_goal_button(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    client.views_open(trigger_id=body["trigger_id"], view=new_goal_modal())


def goal_button(ack: Ack, body: dict, action: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    verb = action["action_id"].removeprefix(GOAL_BUTTON)
    run_verb(body, client, context, verb, int(action["value"]))


def goal_menu(ack: Ack, body: dict, action: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    verb, _, number = action["selected_option"]["value"].partition(":")
    run_verb(body, client, context, verb, int(number))


def run_verb(body: dict, client: WebClient, context: BoltContext, verb: str, number: int) -> None:
    """Open the verb's modal, or act and refresh App Home; say in a modal why when it can't be done."""
    try:
        if verb in MODAL_VERBS:
            client.views_open(trigger_id=body["trigger_id"], view=goal_modal(context, client, verb, number))
            return
        outcome = act(context, client, verb, number)
    except DomainError as error:
        client.views_open(trigger_id=body["trigger_id"], view=notice_modal("Not done", error.message))
        publish_home(context, client)
        return
    follow_up(context, client, outcome)


def _in_message(body: dict) -> bool:
    return body.get("container", {}).get("type") == "message"


def tell(body: dict, client: WebClient, respond: Respond, text: str) -> None:
    """Say something to the person who clicked: in the message's thread of replies, or in a modal."""
    if _in_message(body):
        respond(replace_original=False, **messages.say(text))
    else:
        client.views_open(trigger_id=body["trigger_id"], view=notice_modal("Not done", text))


def milestone_done(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient, context: BoltContext):
    ack()
    tick(body, respond, client, context, finish_milestone, int(action["value"]))


def task_done(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient, context: BoltContext) -> None:
    ack()
    tick(body, respond, client, context, finish_task, int(action["value"]))


def tick(body: dict, respond: Respond, client: WebClient, context: BoltContext, finish, item_id: int) -> None:
    """Mark a milestone or task done, then refresh wherever it was clicked: the list, a goal's history, Home."""
    try:
        finish(unit_of_work(context), services(context).clock, member(context, client, allow_stale=True), item_id)
    except DomainError as error:
        tell(body, client, respond, error.message)
    if _in_message(body):  # the /goal tasks list: show it without that task
        respond(replace_original=True, **messages.tasks_list(open_tasks(unit_of_work(context), context.user_id)))
    elif body.get("view", {}).get("type") == "modal":  # a goal's history
        number = metadata(body["view"])["goal"]
        client.views_update(view_id=body["view"]["id"], view=goal_modal(context, client, "show", number))
    publish_home(context, client)


def helped_button(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient, context: BoltContext):
    ack()
    try:
        goal = my_goal(unit_of_work(context), context.user_id, int(action["value"]))
    except DomainError as error:
        tell(body, client, respond, error.message)
        return
    client.views_open(trigger_id=body["trigger_id"], view=helped_modal(goal))


def share_button(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient, context: BoltContext):
    """Post a finished goal to the celebrations channel, once, and only when its owner asks."""
    ack()
    goal_id = int(action["value"])
    try:
        claimed = claim_celebration(unit_of_work(context), context.user_id, goal_id)
    except DomainError as error:
        respond(replace_original=False, **messages.say(error.message))
        return
    if claimed is None:
        return  # shared already: a second click posts nothing
    goal, channel = claimed
    try:
        client.chat_postMessage(channel=channel, **celebration_post(goal, context.user_id))
    except Exception as error:  # not posted, or not known to be: give the claim back so a retry can post
        release_celebration(unit_of_work(context), goal_id)
        reason = error.response.get("error") if isinstance(error, SlackApiError) else type(error).__name__
        respond(
            replace_original=False,
            **messages.say(
                f"Trellis couldn't post in <#{channel}> ({escape(str(reason))}). Invite @Trellis there and try again."
            ),
        )
        return
    respond(replace_original=True, **shared_dm(body["message"], channel))


def register(app: App) -> None:
    app.action(NEW_GOAL_ACTION)(new_goal_button)
    app.action(re.compile(f"^{GOAL_BUTTON}(?!menu$)[a-z]+$"))(goal_button)
    app.action(GOAL_MENU)(goal_menu)
    app.action(MILESTONE_DONE)(milestone_done)
    app.action(TASK_DONE)(task_done)
    app.action(HELPED_BUTTON)(helped_button)
    app.action(SHARE_BUTTON)(share_button)
