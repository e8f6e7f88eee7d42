"""Options for external select menus, loaded when a person opens the menu."""

from slack_bolt import Ack, App, BoltContext

from domain.goals.services import supportable_goals
from slackapp.goals import ids
from slackapp.goals.flow import goals_uow
from slackapp.goals.form import supports_options


def longer_goals(ack: Ack, context: BoltContext) -> None:
    """The goals a new goal may support: my open medium and long goals."""
    ack(options=supports_options(supportable_goals(goals_uow(context), context.user_id)))


def register(app: App) -> None:
    app.options(ids.SUPPORTS_OPTIONS)(longer_goals)
