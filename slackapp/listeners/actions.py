"""Buttons and menus."""

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from slackapp.listeners.commands import open_new_goal_modal
from slackapp.views.home import NEW_GOAL_ACTION


def new_goal_button(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    open_new_goal_modal(client, context, body["trigger_id"])


def register(app: App) -> None:
    app.action(NEW_GOAL_ACTION)(new_goal_button)
