"""Options for external select menus, loaded when a person opens the menu."""

from slack_bolt import Ack, App, BoltContext

from domain.goals.services import supportable_goals
from slackapp.listeners.context import unit_of_work
from slackapp.views.goal_form import SUPPORTS_OPTIONS, supports_options


def longer_goals(ack: Ack, context: BoltContext) -> None:
    """The goals a new goal may support: my open medium and long goals."""
    ack(options=supports_options(supportable_goals(unit_of_work(context), context.user_id)))


def register(app: App) -> None:
    app.options(SUPPORTS_OPTIONS)(longer_goals)
