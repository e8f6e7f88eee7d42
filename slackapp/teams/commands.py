"""`/growth manager`, `/growth team` and `/growth import`: links made with consent, the team summary, and an admin's
import. Each verb answers at once, then does its Slack work after the acknowledgement."""

from domain.shared.errors import DomainError
from domain.shared.text import mentioned
from domain.teams.links import end_link, leave_manager, propose, remove_report
from domain.teams.summary import team_summary
from slackapp.shared.blocks import escape
from slackapp.shared.context import member, now, services, workspace
from slackapp.shared.directory import SlackDirectory
from slackapp.shared.replies import say
from slackapp.shared.router import Call, Takes, Verb
from slackapp.teams import messages, requests
from slackapp.teams.listeners import dm, teams_uow, tell_other
from slackapp.teams.summary import show_summary


def _one_person(call: Call, text: str, example: str) -> str | None:
    people = mentioned(text)
    if len(people) != 1:
        call.context.respond(**call.usage(f"Name one person, like `{example}`."))
        return None
    return people[0]


def _propose(call: Call, other_id: str, *, i_am_manager: bool) -> None:
    s, context = services(call.context), call.context
    me = member(context, allow_stale=True)
    directory = SlackDirectory(s.clients, workspace(context))
    link, _ = propose(teams_uow(context), s.clock, directory, me, other_id, i_am_manager=i_am_manager)
    request = requests.request_dm(link)
    if not dm(call.client, link.awaits, request["text"], request["blocks"]):
        end_link(teams_uow(context), link.id, me.user_id)
        raise DomainError("Trellis couldn't send them a DM just now, so nothing was asked. Try again in a while.")
    context.respond(**say(requests.asked_text(link)))


def _answer(call: Call, run) -> None:
    """Acknowledge at once; run the verb; say why not when a rule refuses."""
    call.ack()
    try:
        run()
    except DomainError as error:
        call.context.respond(**say(escape(error.message)))


def manager_verb(call: Call) -> None:
    """`/growth manager @maria` asks Maria to confirm she is my manager; `/growth manager none` ends my link."""

    def run():
        if call.argument.lower() == "none":
            ended = leave_manager(teams_uow(call.context), call.context.user_id)
            call.context.respond(**say(tell_other(call.client, ended)))
        elif (other := _one_person(call, call.argument, "/growth manager @maria")) is not None:
            _propose(call, other, i_am_manager=False)

    _answer(call, run)


def team_verb(call: Call) -> None:
    """`/growth team`: the summary; `add @bob` asks Bob to confirm me as his manager; `remove @bob` ends it."""
    word, _, rest = call.argument.partition(" ")

    def run():
        if not word:
            manager = member(call.context, allow_stale=True)
            team = team_summary(teams_uow(call.context), manager, now(call.context))
            if team.reports:
                show_summary(call.client, call.context.respond, team)
            else:
                call.context.respond(**say(messages.NO_TEAM))
        elif word.lower() == "add" and (other := _one_person(call, rest, "/growth team add @bob")):
            _propose(call, other, i_am_manager=True)
        elif word.lower() == "remove" and (other := _one_person(call, rest, "/growth team remove @bob")):
            ended = remove_report(teams_uow(call.context), call.context.user_id, other)
            call.context.respond(**say(tell_other(call.client, ended)))
        elif word.lower() not in ("add", "remove"):
            call.context.respond(**call.usage(f"`/growth team` doesn't know `{escape(word)}`."))

    _answer(call, run)


def import_verb(call: Call) -> None:
    if not member(call.context).is_admin:
        call.ack(**say("Only a workspace admin or owner can import manager links."))
        return
    call.ack()
    call.client.views_open(trigger_id=call.trigger_id, view=requests.import_modal())


TEAM_VERBS = (
    Verb(
        "team",
        team_verb,
        (
            (
                "/growth team",
                "your team's growth: goals and pace, check-ins, feedback, kudos; who needs attention",
                "/growth team",
            ),
            ("/growth team add @person", "ask someone to confirm you as their manager", "/growth team add @bob"),
            ("/growth team remove @person", "end your link to someone on your team", "/growth team remove @bob"),
        ),
        Takes.TEXT,
    ),
    Verb(
        "manager",
        manager_verb,
        (
            ("/growth manager @person", "ask someone to confirm they are your manager", "/growth manager @maria"),
            ("/growth manager none", "end the link to your manager", "/growth manager none"),
        ),
        Takes.TEXT,
    ),
    Verb(
        "import",
        import_verb,
        (("/growth import", "workspace admins: link managers from a CSV of `email,manager_email`", "/growth import"),),
    ),
)
