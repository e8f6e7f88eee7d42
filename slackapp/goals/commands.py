"""/goal: its verbs, each with its usage line and example, in one table."""

import re
from functools import partial

from domain.goals.changes import set_celebrations_channel
from domain.goals.overview import goal_cards, goal_ladder, lessons
from domain.goals.tracking import open_tasks
from domain.shared.errors import DomainError
from slackapp.goals import messages
from slackapp.goals.flow import GOAL_VERBS, MODAL_VERBS, act, follow_up, goal_modal, goals_uow, pickable
from slackapp.goals.form import new_goal_modal
from slackapp.goals.modals import PICK_TITLES, picker_modal
from slackapp.shared.context import member, now
from slackapp.shared.replies import answer_command, say
from slackapp.shared.router import Call, Command, Takes, Verb

_CHANNEL = re.compile(r"<#(C[A-Z0-9]+)(?:\|[^>]*)?>")


def new_goal(call: Call) -> None:
    call.ack()
    call.client.views_open(trigger_id=call.trigger_id, view=new_goal_modal(call.argument))


def listing(render, call: Call) -> None:
    answer_command(call.ack, lambda: render(call.context))


def _list(context) -> dict:
    return messages.goal_list(goal_cards(goals_uow(context), member(context, allow_stale=True), now(context)))


def _tasks(context) -> dict:
    return messages.tasks_list(open_tasks(goals_uow(context), context.user_id))


def _ladder(context) -> dict:
    return messages.ladder_message(goal_ladder(goals_uow(context), context.user_id))


def _lessons(context) -> dict:
    owner = member(context, allow_stale=True)
    return messages.lessons_message(lessons(goals_uow(context), owner.user_id), owner.zone)


def goal_verb(call: Call) -> None:
    """A verb on one goal: its modal, or done at once; with no number, the goal picker first."""
    context, verb, number = call.context, call.verb, call.number
    try:
        if number is None:
            goals = pickable(context, verb)
            view = picker_modal(verb, goals) if goals else None
            outcome = None
        elif verb in MODAL_VERBS:
            view, outcome = goal_modal(context, verb, number), None
        else:
            view, outcome = None, act(context, verb, number)
    except DomainError as error:
        call.ack(**say(error.message))
        return
    if view is not None:
        call.ack()
        call.client.views_open(trigger_id=call.trigger_id, view=view)
    elif outcome is not None:
        call.ack(**say(outcome.text))
        follow_up(context, call.client, outcome)
    else:
        call.ack(**say(f"You have no goal to {PICK_TITLES[verb].lower()} right now. `/goal list` shows your goals."))


def celebrations(call: Call) -> None:
    channel = _CHANNEL.fullmatch(call.argument)
    if not channel and call.argument.lower() != "off":
        call.ack(**call.usage("`/goal celebrations` takes a channel, like `/goal celebrations #wins`, or `off`."))
        return

    def choose() -> dict:
        set_celebrations_channel(goals_uow(call.context), member(call.context), channel[1] if channel else None)
        if not channel:
            return say("Finished goals are no longer shared in a channel.")
        return say(
            f"People can now share their finished public goals in <#{channel[1]}>. "
            "Invite @Trellis there so it can post."
        )

    answer_command(call.ack, choose)


def _on_goal(name: str, does: str, example_number: int) -> Verb:
    """A verb that works on one goal: flow.GOAL_VERBS says which lifecycle action it takes."""
    if name not in GOAL_VERBS:
        raise ValueError(f"{name} is not a goal verb")
    usage = (f"/goal {name} [n]", does, f"/goal {name} {example_number}")
    return Verb(name, goal_verb, (usage,), Takes.NUMBER, "a goal number")


GOAL = Command(
    "/goal",
    intro="*Set SMART goals and grow them in Slack.*",
    default="new",
    footer="Leave out the goal number `[n]` and Trellis asks which goal you mean.",
).add(
    Verb(
        "new",
        new_goal,
        (
            ("/goal", "open the New goal form", "/goal"),
            (
                "/goal new [your goal]",
                "open the form with the goal filled in",
                "/goal new Pass the AWS Solutions Architect exam",
            ),
        ),
        Takes.TEXT,
    ),
    Verb(
        "list",
        partial(listing, _list),
        (("/goal list", "your goals with their numbers, pace and SMART score", "/goal list"),),
    ),
    _on_goal("show", "a goal's history: check-ins, adjustments, milestones and tasks", 2),
    Verb(
        "ladder",
        partial(listing, _ladder),
        (("/goal ladder", "how your goals build on each other: long → medium → short", "/goal ladder"),),
    ),
    _on_goal("checkin", "record progress, confidence, blockers and your next step", 2),
    _on_goal("milestone", "add a milestone on the way to a goal", 1),
    _on_goal("task", "add a task, with urgent and important flags and a learning resource", 1),
    Verb(
        "tasks",
        partial(listing, _tasks),
        (("/goal tasks", "your open tasks, urgent and important first", "/goal tasks"),),
    ),
    _on_goal("edit", "adjust a goal's description, target or due date, with a reason", 3),
    _on_goal("pause", "pause a goal; a paused goal is never behind", 3),
    _on_goal("resume", "pick a paused goal up again", 3),
    _on_goal("done", "complete a goal and celebrate it", 2),
    _on_goal("abandon", "let a goal go, keeping what you learned", 4),
    Verb(
        "lessons", partial(listing, _lessons), (("/goal lessons", "what your reflections taught you", "/goal lessons"),)
    ),
    Verb(
        "celebrations",
        celebrations,
        (
            (
                "/goal celebrations #channel",
                "workspace admins: where finished goals may be shared (`off` to stop)",
                "/goal celebrations #wins",
            ),
        ),
        Takes.TEXT,
    ),
)
