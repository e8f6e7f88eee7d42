"""Events API."""

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from domain.services import my_goals
from slackapp.listeners.context import member, unit_of_work
from slackapp.views.home import home_view


def publish_home(client: WebClient, context: BoltContext) -> None:
    """Show the person their own goals, and only theirs."""
    client.views_publish(user_id=context.user_id, view=home_view(my_goals(unit_of_work(context), context.user_id)))


def app_home_opened(event: dict, client: WebClient, context: BoltContext) -> None:
    if event.get("tab") != "home":
        return
    publish_home(client, context)
    member(context, client)


def register(app: App) -> None:
    app.event("app_home_opened")(app_home_opened)
