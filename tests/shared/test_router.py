"""Commands as data: help, routing and the answer to an unknown verb come from one table."""

from slackapp.goals.commands import GOAL
from slackapp.goals.flow import GOAL_VERBS
from slackapp.shared.router import Command, Takes, Verb


class Acks:
    def __init__(self):
        self.replies: list[dict] = []

    def __call__(self, **reply):
        self.replies.append(reply)


def text(reply: dict) -> str:
    return reply["text"] + " ".join(b["text"]["text"] for b in reply.get("blocks", []))


def command() -> tuple[Command, list]:
    called = []
    cmd = Command("/kudos", intro="*Thank people.*", default="give").add(
        Verb(
            "give", called.append, (("/kudos @someone why", "thank someone", "/kudos @ana for the demo"),), Takes.TEXT
        ),
        Verb("list", called.append, (("/kudos list", "what you were given", "/kudos list"),)),
    )
    return cmd, called


def route(cmd: Command, text_typed: str) -> Acks:
    ack = Acks()
    cmd.route(ack, {"text": text_typed, "trigger_id": "t"}, None, None)
    return ack


def test_help_lists_every_verb_with_its_example_and_help_itself():
    cmd, _ = command()
    [reply] = route(cmd, "help").replies
    for line in (
        "• `/kudos @someone why`: thank someone. Example: `/kudos @ana for the demo`",
        "• `/kudos list`:",
        "• `/kudos help`:",
    ):
        assert line in text(reply)


def test_verbs_are_routed_with_their_argument_and_empty_text_goes_to_the_default():
    cmd, called = command()
    route(cmd, "LIST")
    route(cmd, "")
    route(cmd, "give <@U2> for the demo")
    assert [(c.verb, c.argument) for c in called] == [("list", ""), ("give", ""), ("give", "<@U2> for the demo")]


def test_an_unknown_verb_and_a_stray_argument_get_the_same_usage_lines_as_help():
    cmd, called = command()
    [unknown] = route(cmd, "frobnicate <!channel>").replies
    [stray] = route(cmd, "list everything").replies
    assert "I don't know `/kudos frobnicate`." in unknown["text"]
    assert "`/kudos list` takes nothing after it." in stray["text"]
    for reply in (unknown, stray):
        assert cmd.help_lines() in text(reply)
    assert called == []


def test_every_goal_verb_is_a_goal_subcommand():
    assert set(GOAL_VERBS) <= set(GOAL.verbs)
