"""Feedback's buttons and modal submissions: ask, answer, decline, give, extend, add a template."""

import logging

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from domain.feedback.reading import request_summary, summaries_about_goal
from domain.feedback.services import (
    answer_request,
    answerable,
    ask_for_feedback,
    decline_request,
    extend_deadline,
    give_feedback,
)
from domain.feedback.settings import add_template, ask_choices
from domain.shared.errors import DomainError
from domain.shared.text import human_date
from slackapp.feedback import ids, messages, modals
from slackapp.home.listeners import publish_home
from slackapp.shared.blocks import escape
from slackapp.shared.context import member, now, services, unit_of_work, workspace
from slackapp.shared.directory import SlackDirectory
from slackapp.shared.inputs import metadata, read_state
from slackapp.shared.replies import answer_submission, dm, notice_modal, tell

log = logging.getLogger("trellis.feedback")


def feedback_uow(context: BoltContext):
    return unit_of_work(context, "feedback")


def directory(context: BoltContext) -> SlackDirectory:
    return SlackDirectory(services(context).clients, workspace(context))


def open_ask(client: WebClient, context: BoltContext, trigger_id: str, asked: tuple[str, ...] = ()) -> None:
    owner = member(context)  # refreshed here, after the acknowledgement: the submission can't wait for Slack
    choices = ask_choices(feedback_uow(context))
    goals = services(context).goal_titles(context)
    client.views_open(trigger_id=trigger_id, view=modals.ask_modal(choices, goals, owner.today(now(context)), asked))


def ask_button(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    open_ask(client, context, body["trigger_id"])


def submit_ask(ack: Ack, view: dict, client: WebClient, context: BoltContext) -> None:
    asked = {}

    def save() -> dict:
        requester = member(context, allow_stale=True)  # refreshed as the form opened: its deadline ends in their zone
        form = modals.ask_form(view["state"]["values"])

        def goal_title(number: int) -> str | None:  # read only when a goal was chosen
            return services(context).goal_titles(context).get(number)

        request, people = ask_for_feedback(
            feedback_uow(context), services(context).clock, requester, form, directory(context), goal_title
        )
        asked.update(request=request, people=people, name=requester.display_name)
        return notice_modal("Asked", messages.asked_text(request, []))

    if not answer_submission(ack, save):
        return
    request = asked["request"]
    missed = [u for u in asked["people"] if not dm(client, u, messages.ask_dm(request, asked["name"]))]
    if missed:
        dm(client, context.user_id, {"text": messages.asked_text(request, missed)})
    publish_home(context, client)


def _answerable(context: BoltContext, request_id: int) -> tuple:
    return answerable(feedback_uow(context), services(context).clock, context.user_id, request_id)


def open_for_request(build):
    """A button that opens a modal on a request I was asked; says instead why, if it is answered or closed."""

    def listener(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient, context: BoltContext):
        ack()
        try:
            request, name = _answerable(context, int(action["value"]))
        except DomainError as error:
            tell(body, client, respond, error.message)
            return
        client.views_open(trigger_id=body["trigger_id"], view=build(request, name))

    return listener


def responding(use_case, read_form, title: str, thanks: str):
    """A submission that answers or declines a request I was asked; the requester is told after the
    acknowledgement, unless the answer is anonymous: then no notice goes out, so its timing tells no one anything."""

    def submit(ack: Ack, view: dict, client: WebClient, context: BoltContext) -> None:
        saved = {}

        def save() -> dict:
            form = read_form(view["state"]["values"])
            request_id = metadata(view)["request"]
            clock = services(context).clock
            saved["response"] = use_case(feedback_uow(context), clock, context.user_id, request_id, form)
            return notice_modal(title, thanks)

        if not answer_submission(ack, save):
            return
        response = saved["response"]
        if response.person_id is not None:
            responder = member(context, allow_stale=True)
            dm(client, response.request.requester_id, messages.response_dm(response, responder.display_name))
        publish_home(context, client)

    return submit


submit_answer = responding(
    answer_request,
    lambda values: modals.answer_form(values, len(values)),
    "Thank you",
    "Your feedback is on its way. Thank you for helping a teammate grow.",
)
submit_decline = responding(
    decline_request,
    lambda values: read_state(values).get("reason"),
    "Declined",
    "Declined. Trellis won't remind you of this request again.",
)


def submit_give(ack: Ack, view: dict, client: WebClient, context: BoltContext) -> None:
    form = modals.give_form(view["state"]["values"])
    giver = member(context, allow_stale=True)
    named = {}

    def save() -> dict:
        named["yes"] = give_feedback(feedback_uow(context), services(context).clock, giver, form, directory(context))
        if named["yes"]:
            return notice_modal("Sent", f"Sent to <@{form.to}>. Thank you for helping a teammate grow.")
        return notice_modal(
            "Sent", "Sent anonymously. It shows in their feedback history once enough feedback has reached them."
        )

    if answer_submission(ack, save) and named["yes"]:
        dm(client, form.to, messages.given_dm(giver.display_name, form.text.strip()))


def submit_extend(ack: Ack, view: dict, client: WebClient, context: BoltContext) -> None:
    def save() -> dict:
        deadline = read_state(view["state"]["values"]).get("deadline")
        number = metadata(view)["number"]
        request = extend_deadline(feedback_uow(context), services(context).clock, member(context), number, deadline)
        return notice_modal(
            "Extended", f"Request #{number} is now open until the end of {human_date(request.deadline)}."
        )

    if answer_submission(ack, save):
        publish_home(context, client)


def submit_template(ack: Ack, view: dict, context: BoltContext) -> None:
    def save() -> dict:
        form = modals.template_form(view["state"]["values"])
        template = add_template(feedback_uow(context), member(context), form)
        return notice_modal("Template added", f"Everyone can now ask with *{escape(template.name)}* in `/feedback`.")

    answer_submission(ack, save)


def goal_feedback(context: BoltContext, owner_id: str, goal_number: int) -> list:
    """The feedback asked about one of my goals, for that goal's history."""
    summaries = summaries_about_goal(feedback_uow(context), owner_id, goal_number, now(context))
    return messages.goal_feedback_blocks(summaries)


def show_button(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient, context: BoltContext) -> None:
    ack()
    try:
        summary = request_summary(feedback_uow(context), context.user_id, int(action["value"]), now(context))
    except DomainError as error:
        tell(body, client, respond, error.message)
        return
    client.views_open(trigger_id=body["trigger_id"], view=messages.summary_modal(summary))


def register(app: App) -> None:
    app.action(ids.ASK_OPEN)(ask_button)
    app.action(ids.ANSWER_OPEN)(open_for_request(modals.answer_modal))
    app.action(ids.DECLINE_OPEN)(open_for_request(modals.decline_modal))
    app.action(ids.SHOW)(show_button)
    for callback_id, listener in (
        (ids.ASK, submit_ask),
        (ids.ANSWER, submit_answer),
        (ids.DECLINE, submit_decline),
        (ids.GIVE, submit_give),
        (ids.EXTEND, submit_extend),
        (ids.TEMPLATE, submit_template),
    ):
        app.view(callback_id)(listener)
