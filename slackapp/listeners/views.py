"""Modal submissions. Bad input comes back inline on the field at fault; nothing half-written is kept."""

import logging
from collections.abc import Callable

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from domain.goals.adjustments import EditForm
from domain.goals.changes import abandon_goal, edit_goal, record_helped_most
from domain.goals.checkins import CheckInForm
from domain.shared.errors import DomainError, InvalidInput
from domain.goals.plan import MilestoneForm
from domain.goals.reflections import ReflectionForm
from domain.goals.services import set_goal
from domain.goals.tracking import add_milestone, add_task, check_in
from slackapp.listeners.context import member, services, unit_of_work
from slackapp.listeners.goal_flow import MODAL_VERBS, act, follow_up, goal_modal
from slackapp.views import goal_modals as modals
from slackapp.views.goal_form import NEW_GOAL_CALLBACK, goal_form_from_state, goal_saved_modal
from slackapp.views.inputs import form_from_state, read_state

log = logging.getLogger("trellis.views")
SORRY = "Something went wrong on our side, and nothing was saved. Please try again in a moment."


def answer(ack: Ack, build: Callable[[], dict]) -> bool:
    """Acknowledge with the view `build` returns, or with what was wrong. True when it went through."""
    try:
        view = build()
    except InvalidInput as invalid:
        ack(response_action="errors", errors=invalid.errors)
        return False
    except DomainError as error:
        if error.field:
            ack(response_action="errors", errors={error.field: error.message})
        else:
            ack(response_action="update", view=modals.notice_modal("Not done", error.message))
        return False
    except Exception:
        log.exception("a modal submission failed")
        ack(response_action="update", view=modals.notice_modal("Not saved", SORRY))
        return False
    ack(response_action="update", view=view)
    return True


def submit_new_goal(ack: Ack, view: dict, client: WebClient, context: BoltContext) -> None:
    def save():
        owner = member(context, client)  # refreshed when stale: "in the past" is judged in the person's zone
        form = goal_form_from_state(view["state"]["values"])
        return goal_saved_modal(set_goal(unit_of_work(context), services(context).clock, owner, form, view["id"]))

    if answer(ack, save):
        follow_up(context, client)


def _on_goal(use_case, form_class, done: Callable[..., str]):
    """A submission handler for a modal on one goal: run `use_case`, then say `done(result)`."""

    def submit(ack: Ack, view: dict, client: WebClient, context: BoltContext) -> None:
        number = modals.metadata(view)["goal"]

        def run():
            owner = member(context, client, allow_stale=True)
            form = form_class(view["state"]["values"])
            result = use_case(unit_of_work(context), services(context).clock, owner, number, form)
            return modals.notice_modal("Saved", done(result))

        if answer(ack, run):
            follow_up(context, client)

    return submit


def _state(form_class):
    return lambda values: form_from_state(values, form_class)


submit_checkin = _on_goal(check_in, _state(CheckInForm), modals.checked_in_text)
submit_milestone = _on_goal(add_milestone, _state(MilestoneForm), modals.milestone_added_text)
submit_task = _on_goal(add_task, modals.task_form_from_state, modals.task_added_text)
submit_edit = _on_goal(edit_goal, _state(EditForm), modals.adjusted_text)
submit_abandon = _on_goal(abandon_goal, _state(ReflectionForm), modals.let_go_text)


def submit_helped(ack: Ack, view: dict, client: WebClient, context: BoltContext) -> None:
    goal_id = modals.metadata(view)["goal_id"]
    text = read_state(view["state"]["values"]).get("helped")
    answer(
        ack,
        lambda: (
            record_helped_most(unit_of_work(context), context.user_id, goal_id, text),
            modals.notice_modal("Thank you", "Kept with the goal. It will help next time."),
        )[1],
    )


def submit_pick(ack: Ack, view: dict, client: WebClient, context: BoltContext) -> None:
    verb = modals.metadata(view)["verb"]
    number = int(read_state(view["state"]["values"])["goal"])
    if verb in MODAL_VERBS:
        answer(ack, lambda: goal_modal(context, client, verb, number))
        return
    outcome = None

    def run():
        nonlocal outcome
        outcome = act(context, client, verb, number)
        return modals.notice_modal("Done", outcome.text)

    if answer(ack, run):
        follow_up(context, client, outcome)


def register(app: App) -> None:
    app.view(NEW_GOAL_CALLBACK)(submit_new_goal)
    app.view(modals.CHECKIN)(submit_checkin)
    app.view(modals.MILESTONE)(submit_milestone)
    app.view(modals.TASK)(submit_task)
    app.view(modals.EDIT)(submit_edit)
    app.view(modals.ABANDON)(submit_abandon)
    app.view(modals.HELPED)(submit_helped)
    app.view(modals.PICK)(submit_pick)
