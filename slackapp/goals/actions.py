"""Buttons and menus: on App Home, in /goal's replies, in reminders and in the congratulation DM."""

import re

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from domain.goals.changes import claim_celebration, release_celebration
from domain.goals.services import my_goal
from domain.goals.tracking import finish_milestone, finish_task, open_tasks
from domain.shared.errors import DomainError
from slackapp.goals import ids, messages
from slackapp.goals.celebrate import celebration_post, shared_dm
from slackapp.goals.flow import MODAL_VERBS, act, follow_up, goal_modal, goals_uow
from slackapp.goals.form import new_goal_modal
from slackapp.goals.modals import helped_modal
from slackapp.home.listeners import publish_home
from slackapp.shared.blocks import escape
from slackapp.shared.clients import slack_error
from slackapp.shared.context import member, services
from slackapp.shared.inputs import metadata
from slackapp.shared.replies import in_message, notice_modal, on_click, say, tell


def new_goal_button(ack: Ack, body: dict, client: WebClient) -> None:
    ack()
    client.views_open(trigger_id=body["trigger_id"], view=new_goal_modal())


def goal_button(ack: Ack, body: dict, action: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    verb = re.sub(f"^({ids.VERB_BUTTON}|{ids.OLD_VERB_BUTTON})", "", action["action_id"])
    run_verb(body, client, context, verb, int(action["value"]))


def goal_menu(ack: Ack, body: dict, action: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    verb, _, number = action["selected_option"]["value"].partition(":")
    run_verb(body, client, context, verb, int(number))


def run_verb(body: dict, client: WebClient, context: BoltContext, verb: str, number: int) -> None:
    """Open the verb's modal, or act and refresh App Home; say in a modal why when it can't be done."""
    try:
        if verb in MODAL_VERBS:
            client.views_open(trigger_id=body["trigger_id"], view=goal_modal(context, verb, number))
            return
        outcome = act(context, verb, number)
    except DomainError as error:
        client.views_open(trigger_id=body["trigger_id"], view=notice_modal("Not done", error.message))
        publish_home(context, client)
        return
    follow_up(context, client, outcome)


def milestone_done(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient, context: BoltContext):
    ack()
    tick(body, respond, client, context, finish_milestone, int(action["value"]))


def task_done(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient, context: BoltContext) -> None:
    ack()
    tick(body, respond, client, context, finish_task, int(action["value"]))


def tick(body: dict, respond: Respond, client: WebClient, context: BoltContext, finish, item_id: int) -> None:
    """Mark a milestone or task done, then refresh wherever it was clicked: the list, a goal's history, Home."""
    owner = member(context, allow_stale=True)
    on_click(body, client, respond, lambda: finish(goals_uow(context), services(context).clock, owner, item_id))
    if in_message(body):  # the /goal tasks list: show it without that task
        respond(replace_original=True, **messages.tasks_list(open_tasks(goals_uow(context), context.user_id)))
    elif body.get("view", {}).get("type") == "modal":  # a goal's history
        number = metadata(body["view"])["goal"]
        client.views_update(view_id=body["view"]["id"], view=goal_modal(context, "show", number))
    publish_home(context, client)


def helped_button(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient, context: BoltContext):
    ack()
    try:
        goal = my_goal(goals_uow(context), context.user_id, int(action["value"]))
    except DomainError as error:
        tell(body, client, respond, error.message)
        return
    client.views_open(trigger_id=body["trigger_id"], view=helped_modal(goal))


def share_button(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient, context: BoltContext):
    """Post a finished goal to the celebrations channel, once, and only when its owner asks."""
    ack()
    goal_id = int(action["value"])
    try:
        claimed = claim_celebration(goals_uow(context), context.user_id, goal_id)
    except DomainError as error:
        respond(replace_original=False, **say(error.message))
        return
    if claimed is None:
        return  # shared already: a second click posts nothing
    goal, channel = claimed
    try:
        client.chat_postMessage(channel=channel, **celebration_post(goal, context.user_id))
    except Exception as error:  # not posted, or not known to be: give the claim back so a retry can post
        release_celebration(goals_uow(context), goal_id)
        reason = slack_error(error)
        respond(
            replace_original=False,
            **say(
                f"Trellis couldn't post in <#{channel}> ({escape(str(reason))}). Invite @Trellis there and try again."
            ),
        )
        return
    respond(replace_original=True, **shared_dm(body["message"], channel))


def register(app: App) -> None:
    listeners = {
        ids.NEW_GOAL_OPEN: new_goal_button,
        ids.MENU: goal_menu,
        ids.MILESTONE_DONE: milestone_done,
        ids.TASK_DONE: task_done,
        ids.HELPED_OPEN: helped_button,
        ids.SHARE: share_button,
    }
    for action_id, listener in listeners.items():
        app.action(action_id)(listener)
    for old, new in ids.RENAMED.items():
        app.action(old)(listeners[new])
    app.action(re.compile(f"^({ids.VERB_BUTTON}|{ids.OLD_VERB_BUTTON})(?!menu$)[a-z]+$"))(goal_button)
