"""/feedback: its verbs, each with its usage line and example, in one table."""

from domain.feedback.reading import overview, request_summary
from domain.feedback.services import close_early, extendable
from domain.feedback.settings import ask_choices, set_anonymity
from domain.shared.errors import DomainError
from domain.shared.text import mentioned
from slackapp.feedback import messages, modals
from slackapp.feedback.listeners import feedback_uow, open_ask
from slackapp.shared.blocks import escape
from slackapp.shared.context import member, now, services
from slackapp.shared.replies import answer_command, reply, say
from slackapp.shared.router import Call, Command, Takes, Verb


def ask(call: Call) -> None:
    if call.argument and not mentioned(call.argument):
        call.ack(**call.usage("`/feedback ask` takes the people to ask, like `/feedback ask @ana @ben`, or nothing."))
        return
    call.ack()
    open_ask(call.client, call.context, call.trigger_id, mentioned(call.argument))


def listing(call: Call) -> None:
    def build() -> dict:
        view = overview(feedback_uow(call.context), call.context.user_id, now(call.context))
        return reply("Your feedback", messages.overview_blocks(view, now(call.context)))

    answer_command(call.ack, build)


def show(call: Call) -> None:
    if call.number is None:
        listing(call)
        return
    try:
        summary = request_summary(feedback_uow(call.context), call.context.user_id, call.number, now(call.context))
    except DomainError as error:
        call.ack(**say(error.message))
        return
    call.ack()
    call.client.views_open(trigger_id=call.trigger_id, view=messages.summary_modal(summary))


def give(call: Call) -> None:
    people = mentioned(call.argument)
    if call.argument and len(people) != 1:
        call.ack(**call.usage("`/feedback give` takes one teammate, like `/feedback give @ana`."))
        return
    call.ack()
    allowed = ask_choices(feedback_uow(call.context)).anonymity_allowed
    call.client.views_open(trigger_id=call.trigger_id, view=modals.give_modal(allowed, people[0] if people else None))


def close(call: Call) -> None:
    if call.number is None:
        call.ack(**call.usage("`/feedback close` takes your request's number, like `/feedback close 2`."))
        return

    def run() -> dict:
        request = close_early(
            feedback_uow(call.context), services(call.context).clock, call.context.user_id, call.number
        )
        return say(
            f"Closed request #{request.number}. Its summary is on its way to your messages; "
            f"`/feedback show {request.number}` has it now."
        )

    answer_command(call.ack, run)


def extend(call: Call) -> None:
    if call.number is None:
        call.ack(**call.usage("`/feedback extend` takes your request's number, like `/feedback extend 2`."))
        return
    try:
        request = extendable(
            feedback_uow(call.context), services(call.context).clock, call.context.user_id, call.number
        )
    except DomainError as error:
        call.ack(**say(error.message))
        return
    call.ack()
    call.client.views_open(trigger_id=call.trigger_id, view=modals.extend_modal(request))


def templates(call: Call) -> None:
    """Admins add a template; everyone else sees the settings, templates among them."""
    if not member(call.context, allow_stale=True).is_admin:
        settings(call)
        return
    call.ack()
    call.client.views_open(trigger_id=call.trigger_id, view=modals.template_modal())


def settings(call: Call) -> None:
    """The workspace's feedback settings; admins are told how to change them."""
    person = member(call.context, allow_stale=True)
    choices = ask_choices(feedback_uow(call.context))
    names = ", ".join(f"*{escape(t.name)}*" for t in choices.templates)
    lines = [
        f"Anonymous answers: *{'on' if choices.anonymity_allowed else 'off'}*.",
        f"Templates you can ask with: {names}.",
        "Change them with `/feedback anonymity on|off` and `/feedback templates`."
        if person.is_admin
        else "Workspace admins can change these.",
    ]
    call.ack(**say("\n".join(lines)))


def anonymity(call: Call) -> None:
    choice = call.argument.lower()
    if choice not in ("on", "off"):
        call.ack(**call.usage("`/feedback anonymity` takes `on` or `off`."))
        return

    def run() -> dict:
        set_anonymity(feedback_uow(call.context), member(call.context), choice == "on")
        if choice == "on":
            return say("People can now offer and give anonymous feedback in this workspace.")
        return say("Anonymous feedback is off: new requests and feedback carry the giver's name.")

    answer_command(call.ack, run)


FEEDBACK = Command(
    "/feedback",
    intro="*Ask teammates for feedback, answer their requests, and give feedback unasked.*",
    default="ask",
    footer="Anonymous answers are shown only once three people have answered anonymously, with dates and no names.",
).add(
    Verb(
        "ask",
        ask,
        (
            ("/feedback", "ask teammates for feedback: who, about what, which questions, by when", "/feedback"),
            ("/feedback ask @people", "the same form, with those people chosen", "/feedback ask @ana @ben"),
        ),
        Takes.TEXT,
    ),
    Verb(
        "list",
        listing,
        (
            (
                "/feedback list",
                "your requests and how many answered, and the requests waiting for you",
                "/feedback list",
            ),
        ),
    ),
    Verb(
        "show",
        show,
        (("/feedback show n", "one of your requests with its answers", "/feedback show 1"),),
        Takes.NUMBER,
        "a request number",
    ),
    Verb(
        "give",
        give,
        (("/feedback give @person", "send a teammate feedback without being asked", "/feedback give @ana"),),
        Takes.TEXT,
    ),
    Verb(
        "close",
        close,
        (("/feedback close n", "close your request now and get its summary", "/feedback close 1"),),
        Takes.NUMBER,
        "a request number",
    ),
    Verb(
        "extend",
        extend,
        (("/feedback extend n", "move your request's deadline later, once", "/feedback extend 1"),),
        Takes.NUMBER,
        "a request number",
    ),
    Verb(
        "templates",
        templates,
        (("/feedback templates", "the question templates; admins add one", "/feedback templates"),),
    ),
    Verb(
        "settings",
        settings,
        (("/feedback settings", "this workspace's feedback settings; admins change them", "/feedback settings"),),
    ),
    Verb(
        "anonymity",
        anonymity,
        (
            (
                "/feedback anonymity on|off",
                "workspace admins: allow anonymous answers or not",
                "/feedback anonymity off",
            ),
        ),
        Takes.TEXT,
    ),
)
