"""App Home: published when a person opens it, and again after anything that changes what it shows."""

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from slackapp.shared.context import member, services


def publish_home(context: BoltContext, client: WebClient) -> None:
    """Show the person their own dashboard, and only theirs."""
    reader = member(context, allow_stale=True)
    client.views_publish(user_id=context.user_id, view=services(context).home.compose(context, reader))


def app_home_opened(event: dict, client: WebClient, context: BoltContext) -> None:
    if event.get("tab") != "home":
        return
    member(context)  # refresh a stale profile first: Home's dates are in the person's own zone
    publish_home(context, client)


def register(app: App) -> None:
    app.event("app_home_opened")(app_home_opened)
