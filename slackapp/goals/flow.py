"""What a goal verb does, wherever it starts: a command, the goal picker, or a button on App Home or in a DM.

Some verbs open a modal on the goal; the others act at once and say what they did.
"""

from dataclasses import dataclass

from slack_bolt import BoltContext
from slack_sdk import WebClient

from domain.goals.changes import Completion, complete_goal, congratulation_failed, pause_goal, resume_goal
from domain.goals.lifecycle import ALLOWED, Action, GoalState
from domain.goals.overview import goal_cards, goal_history
from domain.goals.services import goal_for
from domain.goals.tracking import open_milestones
from slackapp.goals import modals
from slackapp.goals.celebrate import completion_dm
from slackapp.goals.history import history_modal
from slackapp.home.listeners import publish_home
from slackapp.shared.context import member, now, services, unit_of_work

MODAL_VERBS = {
    "checkin": Action.CHECK_IN,
    "milestone": Action.ADD_MILESTONE,
    "task": Action.ADD_TASK,
    "edit": Action.EDIT,
    "abandon": Action.ABANDON,
    "show": None,
}
INSTANT_VERBS = {"pause": Action.PAUSE, "resume": Action.RESUME, "done": Action.COMPLETE}
GOAL_VERBS = MODAL_VERBS | INSTANT_VERBS


def goals_uow(context: BoltContext):
    return unit_of_work(context, "goals")


def goal_modal(context: BoltContext, verb: str, number: int) -> dict:
    """The modal for `verb` on my goal #number; raises DomainError when it can't be done."""
    owner = member(context, allow_stale=True)
    uow = goals_uow(context)
    if verb == "show":
        more = [
            block for part in services(context).goal_history_parts for block in part(context, owner.user_id, number)
        ]
        return history_modal(goal_history(uow, owner, number, now(context)), owner.zone, more)
    goal = goal_for(uow, owner, number, MODAL_VERBS[verb], now(context))
    if verb == "task":
        return modals.task_modal(goal, open_milestones(uow, owner.user_id, number)[1])
    build = {
        "checkin": modals.checkin_modal,
        "milestone": modals.milestone_modal,
        "edit": modals.edit_modal,
        "abandon": modals.reflection_modal,
    }[verb]
    return build(goal)


def goal_titles(context: BoltContext) -> dict[int, str]:
    """My goals that are not finished, by number: what another capability may link to (feedback asked about one)."""
    owner = member(context, allow_stale=True)
    cards = goal_cards(goals_uow(context), owner, now(context))
    open_states = (GoalState.ACTIVE, GoalState.PAUSED, GoalState.MISSED)
    return {c.goal.number: c.goal.spec.title for c in cards if c.state in open_states}


def pickable(context: BoltContext, verb: str) -> list:
    """My goals that `verb` can take, for the goal picker."""
    owner = member(context, allow_stale=True)
    action = GOAL_VERBS[verb]
    cards = goal_cards(goals_uow(context), owner, now(context))
    return [c.goal for c in cards if action is None or action in ALLOWED[c.state]]


@dataclass(frozen=True)
class Outcome:
    text: str
    completion: Completion | None = None


def act(context: BoltContext, verb: str, number: int) -> Outcome:
    """Pause, resume or complete my goal #number; raises DomainError when it can't be done."""
    owner = member(context, allow_stale=True)
    uow, clock = goals_uow(context), services(context).clock
    if verb == "pause":
        pause_goal(uow, clock, owner, number)
        return Outcome(f"⏸️ Paused goal #{number}. A paused goal is never behind; resume it when you're ready.")
    if verb == "resume":
        resume_goal(uow, clock, owner, number)
        return Outcome(f"▶️ Goal #{number} is active again.")
    if verb != "done":
        raise ValueError(f"not a goal verb: {verb}")
    completion = complete_goal(uow, clock, owner, number)
    if not completion.first:
        return Outcome(f"Goal #{number} is already complete. 🎉", completion)
    return Outcome(f"🎉 Goal #{number} is complete. Look in your messages from Trellis.", completion)


def follow_up(context: BoltContext, client: WebClient, outcome: Outcome | None = None) -> None:
    """After the acknowledgement: send a completion's one congratulation, and refresh App Home."""
    try:
        if outcome and outcome.completion and outcome.completion.congratulate:
            congratulate(context, client, outcome.completion)
    finally:
        publish_home(context, client)


def congratulate(context: BoltContext, client: WebClient, completion: Completion) -> None:
    try:
        client.chat_postMessage(channel=context.user_id, **completion_dm(completion))
    except Exception:
        congratulation_failed(goals_uow(context), completion.goal.id)  # `/goal done` again will send it
        raise
