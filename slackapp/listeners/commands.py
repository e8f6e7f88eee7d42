"""Slash commands."""

import re

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from domain.goals.changes import set_celebrations_channel
from domain.shared.errors import DomainError
from domain.goals.overview import goal_cards, goal_ladder, lessons
from domain.goals.tracking import open_tasks
from slackapp.listeners.context import member, now, unit_of_work
from slackapp.listeners.goal_flow import GOAL_VERBS, MODAL_VERBS, act, follow_up, goal_modal, pickable
from slackapp.views import messages
from slackapp.views.goal_form import new_goal_modal
from slackapp.views.goal_modals import PICK_TITLES, picker_modal

_NUMBER = re.compile(r"#?(\d{1,9})")
_CHANNEL = re.compile(r"<#(C[A-Z0-9]+)(?:\|[^>]*)?>")


def parse_subcommand(text: str | None) -> tuple[str, str]:
    """`new Pass the exam` → ("new", "Pass the exam"); empty text means "new"."""
    word, _, rest = (text or "").strip().partition(" ")
    return (word.lower() or "new"), rest.strip()


def goal_command(ack: Ack, command: dict, client: WebClient, context: BoltContext) -> None:
    verb, argument = parse_subcommand(command.get("text"))
    listings = {"list": _list, "tasks": _tasks, "ladder": _ladder, "lessons": _lessons}
    if verb == "new":
        ack()
        client.views_open(trigger_id=command["trigger_id"], view=new_goal_modal(argument))
    elif verb == "help":
        ack(**messages.goal_help())
    elif verb in listings:
        if argument:
            ack(**messages.goal_usage(f"`/goal {verb}` takes nothing after it."))
        else:
            ack(**listings[verb](context, client))
    elif verb in GOAL_VERBS:
        goal_verb(ack, client, context, verb, argument, command["trigger_id"])
    elif verb == "celebrations":
        ack(**celebrations(context, client, argument))
    else:
        ack(**messages.unknown_subcommand(verb))


def goal_verb(ack: Ack, client: WebClient, context: BoltContext, verb: str, argument: str, trigger_id: str) -> None:
    number = _NUMBER.fullmatch(argument)
    if argument and not number:
        ack(**messages.goal_usage(f"`/goal {verb}` takes a goal number, like `/goal {verb} 2`."))
        return
    try:
        if number is None:
            goals = pickable(context, client, verb)
            if not goals:
                ack(
                    **messages.say(
                        f"You have no goal to {PICK_TITLES[verb].lower()} right now. `/goal list` shows your goals."
                    )
                )
                return
            view, outcome = picker_modal(verb, goals), None
        elif verb in MODAL_VERBS:
            view, outcome = goal_modal(context, client, verb, int(number[1])), None
        else:
            view, outcome = None, act(context, client, verb, int(number[1]))
    except DomainError as error:
        ack(**messages.say(error.message))
        return
    if view is not None:
        ack()
        client.views_open(trigger_id=trigger_id, view=view)
    else:
        ack(**messages.say(outcome.text))
        follow_up(context, client, outcome)


def _list(context, client):
    return messages.goal_list(
        goal_cards(unit_of_work(context), member(context, client, allow_stale=True), now(context))
    )


def _tasks(context, client):
    return messages.tasks_list(open_tasks(unit_of_work(context), context.user_id))


def _ladder(context, client):
    return messages.ladder_message(goal_ladder(unit_of_work(context), context.user_id))


def _lessons(context, client):
    owner = member(context, client, allow_stale=True)
    return messages.lessons_message(lessons(unit_of_work(context), owner.user_id), owner.zone)


def celebrations(context: BoltContext, client: WebClient, argument: str) -> dict:
    channel = _CHANNEL.fullmatch(argument)
    if not channel and argument.lower() != "off":
        return messages.goal_usage("`/goal celebrations` takes a channel, like `/goal celebrations #wins`, or `off`.")
    try:
        set_celebrations_channel(unit_of_work(context), member(context, client), channel[1] if channel else None)
    except DomainError as error:
        return messages.say(error.message)
    if not channel:
        return messages.say("Finished goals are no longer shared in a channel.")
    return messages.say(
        f"People can now share their finished public goals in <#{channel[1]}>. Invite @Trellis there so it can post."
    )


def not_yet_command(ack: Ack, command: dict) -> None:
    """Commands declared in the manifest whose features have not shipped yet answer plainly."""
    ack(**messages.not_yet(command["command"]))


def register(app: App) -> None:
    app.command("/goal")(goal_command)
    for name in ("/feedback", "/kudos"):
        app.command(name)(not_yet_command)
