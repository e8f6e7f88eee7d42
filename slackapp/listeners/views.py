"""Modal submissions."""

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from domain.errors import InvalidInput
from domain.services import set_goal
from slackapp.listeners.context import member, services, unit_of_work
from slackapp.listeners.events import publish_home
from slackapp.views.goal_form import NEW_GOAL_CALLBACK, goal_form_from_state, goal_saved_modal


def submit_new_goal(ack: Ack, view: dict, client: WebClient, context: BoltContext) -> None:
    form = goal_form_from_state(view["state"]["values"])
    owner = member(context, client, allow_stale=True)
    try:
        saved = set_goal(unit_of_work(context), services(context).clock, owner, form, source_key=view["id"])
    except InvalidInput as invalid:
        ack(response_action="errors", errors=invalid.errors)
        return
    ack(response_action="update", view=goal_saved_modal(saved))
    publish_home(client, context)


def register(app: App) -> None:
    app.view(NEW_GOAL_CALLBACK)(submit_new_goal)
