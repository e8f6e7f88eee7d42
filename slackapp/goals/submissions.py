"""Modal submissions. Bad input comes back inline on the field at fault; nothing half-written is kept."""

from collections.abc import Callable

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from domain.goals.adjustments import EditForm
from domain.goals.changes import abandon_goal, edit_goal, record_helped_most
from domain.goals.checkins import CheckInForm
from domain.goals.plan import MilestoneForm
from domain.goals.reflections import ReflectionForm
from domain.goals.services import set_goal
from domain.goals.tracking import add_milestone, add_task, check_in
from slackapp.goals import ids, modals
from slackapp.goals.flow import MODAL_VERBS, act, follow_up, goal_modal, goals_uow
from slackapp.goals.form import goal_form_from_state, goal_saved_modal
from slackapp.shared.context import member, services
from slackapp.shared.inputs import form_from_state, metadata, read_state
from slackapp.shared.replies import answer_submission, notice_modal


def submit_new_goal(ack: Ack, view: dict, client: WebClient, context: BoltContext) -> None:
    def save():
        owner = member(context)  # refreshed when stale: "in the past" is judged in the person's zone
        form = goal_form_from_state(view["state"]["values"])
        return goal_saved_modal(set_goal(goals_uow(context), services(context).clock, owner, form, view["id"]))

    if answer_submission(ack, save):
        follow_up(context, client)


def _on_goal(use_case, form_class, done: Callable[..., str]):
    """A submission handler for a modal on one goal: run `use_case`, then say `done(result)`."""

    def submit(ack: Ack, view: dict, client: WebClient, context: BoltContext) -> None:
        number = metadata(view)["goal"]

        def run():
            owner = member(context, allow_stale=True)
            form = form_class(view["state"]["values"])
            result = use_case(goals_uow(context), services(context).clock, owner, number, form)
            return notice_modal("Saved", done(result))

        if answer_submission(ack, run):
            follow_up(context, client)

    return submit


def _state(form_class):
    return lambda values: form_from_state(values, form_class)


submit_checkin = _on_goal(check_in, _state(CheckInForm), modals.checked_in_text)
submit_milestone = _on_goal(add_milestone, _state(MilestoneForm), modals.milestone_added_text)
submit_task = _on_goal(add_task, modals.task_form_from_state, modals.task_added_text)
submit_edit = _on_goal(edit_goal, _state(EditForm), modals.adjusted_text)
submit_abandon = _on_goal(abandon_goal, _state(ReflectionForm), modals.let_go_text)


def submit_helped(ack: Ack, view: dict, context: BoltContext) -> None:
    goal_id = metadata(view)["goal_id"]
    text = read_state(view["state"]["values"]).get("helped")

    def save():
        record_helped_most(goals_uow(context), context.user_id, goal_id, text)
        return notice_modal("Thank you", "Kept with the goal. It will help next time.")

    answer_submission(ack, save)


def submit_pick(ack: Ack, view: dict, client: WebClient, context: BoltContext) -> None:
    verb = metadata(view)["verb"]
    number = int(read_state(view["state"]["values"])["goal"])
    if verb in MODAL_VERBS:
        answer_submission(ack, lambda: goal_modal(context, verb, number))
        return
    outcome = None

    def run():
        nonlocal outcome
        outcome = act(context, verb, number)
        return notice_modal("Done", outcome.text)

    if answer_submission(ack, run):
        follow_up(context, client, outcome)


def register(app: App) -> None:
    for callback_id, listener in (
        (ids.NEW_GOAL, submit_new_goal),
        (ids.CHECKIN, submit_checkin),
        (ids.MILESTONE, submit_milestone),
        (ids.TASK, submit_task),
        (ids.EDIT, submit_edit),
        (ids.ABANDON, submit_abandon),
        (ids.HELPED, submit_helped),
        (ids.PICK, submit_pick),
    ):
        app.view(callback_id)(listener)
