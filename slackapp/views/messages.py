"""Ephemeral replies to /goal: lists, help and usage."""

from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject, SectionBlock

from domain.goals.ladder import Rung
from domain.goals.overview import GoalCard
from domain.goals.plan import Task
from domain.goals.reflections import Reflection
from slackapp.views.goals import card_text, goal_details
from slackapp.views.mrkdwn import escape, pack
from slackapp.views.plan import ladder_text, lesson_text, tasks_by_quadrant

MESSAGE_BLOCKS = 50

GOAL_HELP = [
    ("/goal", "open the New goal form", "/goal"),
    (
        "/goal new [your goal]",
        "open the form with the goal filled in",
        "/goal new Pass the AWS Solutions Architect exam",
    ),
    ("/goal list", "your goals with their numbers, pace and SMART score", "/goal list"),
    ("/goal show [n]", "a goal's history: check-ins, adjustments, milestones and tasks", "/goal show 2"),
    ("/goal ladder", "how your goals build on each other: long → medium → short", "/goal ladder"),
    ("/goal checkin [n]", "record progress, confidence, blockers and your next step", "/goal checkin 2"),
    ("/goal milestone [n]", "add a milestone on the way to a goal", "/goal milestone 1"),
    ("/goal task [n]", "add a task, with urgent and important flags and a learning resource", "/goal task 1"),
    ("/goal tasks", "your open tasks, urgent and important first", "/goal tasks"),
    ("/goal edit [n]", "adjust a goal's description, target or due date, with a reason", "/goal edit 3"),
    ("/goal pause [n]", "pause a goal; a paused goal is never behind", "/goal pause 3"),
    ("/goal resume [n]", "pick a paused goal up again", "/goal resume 3"),
    ("/goal done [n]", "complete a goal and celebrate it", "/goal done 2"),
    ("/goal abandon [n]", "let a goal go, keeping what you learned", "/goal abandon 4"),
    ("/goal lessons", "what your reflections taught you", "/goal lessons"),
    (
        "/goal celebrations #channel",
        "workspace admins: where finished goals may be shared (`off` to stop)",
        "/goal celebrations #wins",
    ),
    ("/goal help", "show this help", "/goal help"),
]
HELP_FOOTER = "Leave out the goal number `[n]` and Trellis asks which goal you mean."


def _help_lines() -> str:
    return "\n".join(f"• `{usage}`: {what}. Example: `{example}`" for usage, what, example in GOAL_HELP)


def reply(text: str, blocks: list) -> dict:
    """An ephemeral reply: fallback text plus blocks."""
    return {"response_type": "ephemeral", "text": text, "blocks": [b.to_dict() for b in blocks]}


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text))


def say(text: str) -> dict:
    """A one-paragraph ephemeral reply."""
    return reply(text, [_section(text)])


def goal_help() -> dict:
    return reply(
        "Trellis /goal help",
        [_section("*Set SMART goals and grow them in Slack.*"), _section(_help_lines()), _section(HELP_FOOTER)],
    )


def goal_usage(problem: str) -> dict:
    return reply(problem, [_section(f"{problem}\nHere is what `/goal` understands:"), _section(_help_lines())])


def unknown_subcommand(word: str) -> dict:
    return goal_usage(f"I don't know `/goal {escape(word)}`.")


def not_yet(command: str) -> dict:
    return say(f"`{escape(command)}` is not ready in this version of Trellis yet. Goals are: try `/goal help`.")


def goal_list(cards: list[GoalCard]) -> dict:
    if not cards:
        return say("You have no goals yet. Type `/goal new` to set your first one.")
    texts = pack([f"{card_text(card)}\n{goal_details(card.goal)}" for card in cards])
    blocks = [_section(f"*Your goals ({len(cards)})*"), *[_section(text) for text in texts[: MESSAGE_BLOCKS - 2]]]
    if len(texts) > MESSAGE_BLOCKS - 2:
        blocks.append(
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text="…and more than fit in one message. `/goal show [n]` opens any goal by its number."
                    )
                ]
            )
        )
    fallback = "Your goals: " + ", ".join(f"#{c.goal.number} {escape(c.goal.spec.title)}" for c in cards)
    return reply(fallback[:3000], blocks)


def tasks_list(tasks: list[Task]) -> dict:
    if not tasks:
        return say("No open tasks. `/goal task [n]` adds one to a goal.")
    blocks = [_section(f"*Your open tasks ({len(tasks)})*, urgent and important first")]
    shown = tasks_by_quadrant(tasks, MESSAGE_BLOCKS - 2)
    blocks += shown
    hidden = len(tasks) - sum(1 for b in shown if b.accessory is not None)
    if hidden:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=f"…and {hidden} more, due later.")]))
    return reply(f"Your open tasks ({len(tasks)})", blocks)


def ladder_message(rungs: list[Rung]) -> dict:
    if not rungs:
        return say("You have no goals yet. Start with a long one, then set shorter goals that support it.")
    chunks = pack(ladder_text(rungs).split("\n"), sep="\n")[: MESSAGE_BLOCKS - 1]
    return reply(
        "Your goal ladder",
        [_section("*Your goal ladder*: long → medium → short"), *[_section(chunk) for chunk in chunks]],
    )


def lessons_message(lessons: list[Reflection], zone: ZoneInfo) -> dict:
    if not lessons:
        return say("No lessons yet. When you let a goal go, your reflection is kept here.")
    blocks = [
        _section(f"*Lessons* ({len(lessons)})"),
        *[_section(lesson_text(x, zone)) for x in lessons[: MESSAGE_BLOCKS - 1]],
    ]
    return reply("Your lessons", blocks)
