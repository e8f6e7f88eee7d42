"""Ephemeral replies to /goal: the lists of goals, tasks, the ladder and lessons."""

from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject

from domain.goals.ladder import Rung
from domain.goals.overview import GoalCard
from domain.goals.plan import Task
from domain.goals.reflections import Reflection
from slackapp.goals.cards import card_text, goal_details
from slackapp.goals.plan import ladder_text, lesson_text, tasks_by_quadrant
from slackapp.shared.blocks import escape, pack, section
from slackapp.shared.replies import reply, say

MESSAGE_BLOCKS = 50


def goal_list(cards: list[GoalCard]) -> dict:
    if not cards:
        return say("You have no goals yet. Type `/goal new` to set your first one.")
    texts = pack([f"{card_text(card)}\n{goal_details(card.goal)}" for card in cards])
    blocks = [section(f"*Your goals ({len(cards)})*"), *[section(text) for text in texts[: MESSAGE_BLOCKS - 2]]]
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
    blocks = [section(f"*Your open tasks ({len(tasks)})*, urgent and important first")]
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
        [section("*Your goal ladder*: long → medium → short"), *[section(chunk) for chunk in chunks]],
    )


def lessons_message(lessons: list[Reflection], zone: ZoneInfo) -> dict:
    if not lessons:
        return say("No lessons yet. When you let a goal go, your reflection is kept here.")
    blocks = [
        section(f"*Lessons* ({len(lessons)})"),
        *[section(lesson_text(x, zone)) for x in lessons[: MESSAGE_BLOCKS - 1]],
    ]
    return reply("Your lessons", blocks)
