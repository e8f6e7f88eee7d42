"""Slash commands."""

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from domain.services import my_goals
from slackapp.listeners.context import member, unit_of_work
from slackapp.views import messages
from slackapp.views.goal_form import new_goal_modal


def parse_subcommand(text: str | None) -> tuple[str, str]:
    """`new Pass the exam` → ("new", "Pass the exam"); empty text means "new"."""
    word, _, rest = (text or "").strip().partition(" ")
    return (word.lower() or "new"), rest.strip()


def goal_command(ack: Ack, command: dict, client: WebClient, context: BoltContext) -> None:
    subcommand, argument = parse_subcommand(command.get("text"))
    if subcommand == "new":
        ack()
        open_new_goal_modal(client, context, command["trigger_id"], title=argument)
    elif subcommand == "help":
        ack(**messages.goal_help())
    elif subcommand == "list" and not argument:
        ack(**messages.goal_list(my_goals(unit_of_work(context), context.user_id)))
    elif subcommand == "list":
        ack(**messages.goal_usage("`/goal list` takes nothing after it."))
    else:
        ack(**messages.unknown_subcommand(subcommand))


def open_new_goal_modal(client: WebClient, context: BoltContext, trigger_id: str, title: str = "") -> None:
    """Open the form first (the trigger expires in 3 s), then warm the person's profile for the submission."""
    client.views_open(trigger_id=trigger_id, view=new_goal_modal(title))
    member(context, client)


def not_yet_command(ack: Ack, command: dict) -> None:
    """Commands declared in the manifest whose features have not shipped yet answer plainly."""
    ack(**messages.not_yet(command["command"]))


def register(app: App) -> None:
    app.command("/goal")(goal_command)
    for name in ("/feedback", "/kudos", "/growth"):
        app.command(name)(not_yet_command)
