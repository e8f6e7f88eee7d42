"""Slash commands as data: each verb with its handler, what it takes, its usage line and help example, so that
help, the router and the answer to an unknown verb never disagree."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from slackapp.shared.blocks import escape, section
from slackapp.shared.replies import reply

NUMBER = re.compile(r"#?(\d{1,9})")


class Takes(Enum):
    NOTHING = "nothing"
    NUMBER = "a number"  # or nothing: then the handler asks which
    TEXT = "text"


@dataclass(frozen=True)
class Call:
    """One use of a verb: what the listener needs to answer it."""

    ack: Ack
    client: WebClient
    context: BoltContext
    command: dict
    verb: str
    argument: str
    usage: Callable[[str], dict]  # a reply that says what went wrong and what the command understands

    @property
    def number(self) -> int | None:
        match = NUMBER.fullmatch(self.argument)
        return int(match[1]) if match else None

    @property
    def trigger_id(self) -> str:
        return self.command["trigger_id"]


@dataclass(frozen=True)
class Verb:
    name: str
    handler: Callable[[Call], None]
    help: tuple[tuple[str, str, str], ...]  # (usage, what it does, example) lines for help
    takes: Takes = Takes.NOTHING
    number_is: str = "a number"  # what the number names, for usage: "a goal number"


@dataclass
class Command:
    name: str  # "/goal"
    intro: str  # the first line of help
    default: str  # the verb of an empty command
    footer: str | None = None
    unknown: str = "I don't know `{command}`."  # what an unknown verb is told, before the usage
    fallback: str | None = None  # the verb that takes the whole text when its first word is no verb
    verbs: dict[str, Verb] = field(default_factory=dict)

    def add(self, *verbs: Verb) -> "Command":
        for verb in verbs:
            if verb.name in self.verbs or verb.name == "help":
                raise ValueError(f"{self.name} {verb.name} is defined twice")
            self.verbs[verb.name] = verb
        return self

    def help_lines(self) -> str:
        lines = [line for verb in self.verbs.values() for line in verb.help]
        lines.append((f"{self.name} help", "show this help", f"{self.name} help"))
        return "\n".join(f"• `{usage}`: {what}. Example: `{example}`" for usage, what, example in lines)

    def help(self) -> dict:
        blocks = [section(self.intro), section(self.help_lines())]
        return reply(f"Trellis {self.name} help", blocks + ([section(self.footer)] if self.footer else []))

    def usage(self, problem: str) -> dict:
        return reply(
            problem, [section(f"{problem}\nHere is what `{self.name}` understands:"), section(self.help_lines())]
        )

    def route(self, ack: Ack, command: dict, client: WebClient, context: BoltContext) -> None:
        word, _, rest = (command.get("text") or "").strip().partition(" ")
        name, argument = word.lower() or self.default, rest.strip()
        if name == "help":
            ack(**self.help())
            return
        verb = self.verbs.get(name)
        if verb is None and self.fallback is not None:
            verb, argument = self.verbs[self.fallback], (command.get("text") or "").strip()
        if verb is None:
            ack(**self.usage(self.unknown.format(command=f"{self.name} {escape(name)}")))
            return
        problem = self._argument_problem(verb, argument)
        if problem:
            ack(**self.usage(problem))
            return
        verb.handler(Call(ack, client, context, command, verb.name, argument, self.usage))

    def _argument_problem(self, verb: Verb, argument: str) -> str | None:
        if verb.takes is Takes.NOTHING and argument:
            return f"`{self.name} {verb.name}` takes nothing after it."
        if verb.takes is Takes.NUMBER and argument and not NUMBER.fullmatch(argument):
            return f"`{self.name} {verb.name}` takes {verb.number_is}, like `{self.name} {verb.name} 2`."
        return None

    def register(self, app: App) -> None:
        app.command(self.name)(self.route)
