"""Events API."""

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from slackapp.listeners.context import member
from slackapp.listeners.goal_flow import publish_home


def app_home_opened(event: dict, client: WebClient, context: BoltContext) -> None:
    if event.get("tab") != "home":
        return
    member(context, client)  # refresh a stale profile first: Home's dates are in the person's own zone
    publish_home(context, client)


def register(app: App) -> None:
    app.event("app_home_opened")(app_home_opened)
