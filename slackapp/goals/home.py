"""Goals' section of App Home: the person's own goals by horizon, open tasks and lessons."""

from zoneinfo import ZoneInfo

from slack_bolt import BoltContext
from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    DividerBlock,
    OverflowMenuElement,
)

from domain.goals.lifecycle import GoalState
from domain.goals.overview import Dashboard, GoalCard, dashboard
from domain.people.members import Member
from slackapp.goals import ids
from slackapp.goals.cards import card_text, goal_name
from slackapp.goals.plan import lesson_text, tasks_by_quadrant
from slackapp.home.composer import Part
from slackapp.shared.blocks import note, section
from slackapp.shared.context import now, unit_of_work
from slackapp.shared.inputs import option

BUDGET = 98  # all of App Home's 100 blocks but its header and buttons
TASKS_SHOWN = 12  # blocks, headings included
LESSONS_SHOWN = 4

EMPTY_STATE = (
    "*Welcome to Trellis.* Growth starts with one good goal.\n"
    "Make it *specific* (what will be true when it's done), *measurable* (a number or milestones), "
    "and give it a *horizon*: short (3–6 months), medium (1–3 years) or long (5–10 years).\n"
    "Press *New goal* below, or type `/goal new` in any channel. The coach scores your goal and tells you "
    "how to make it stronger."
)
_MENU = {
    GoalState.ACTIVE: [("edit", "Adjust"), ("pause", "Pause"), ("done", "Complete"), ("abandon", "Let it go")],
    GoalState.PAUSED: [("edit", "Adjust"), ("resume", "Resume"), ("done", "Complete"), ("abandon", "Let it go")],
    GoalState.MISSED: [("edit", "Extend"), ("done", "Complete"), ("abandon", "Reflect")],
}


def _button(text: str, verb: str, number: int, style: str | None = None) -> ButtonElement:
    return ButtonElement(text=text[:75], action_id=ids.VERB_BUTTON + verb, value=str(number), style=style)


def _goal_blocks(card: GoalCard) -> list:
    number = card.goal.number
    menu = [option(f"{verb}:{number}", label) for verb, label in _MENU[card.state] + [("show", "History")]]
    text = card_text(card)
    blocks = [section(text, OverflowMenuElement(action_id=ids.MENU, options=menu))]
    if card.state is GoalState.ACTIVE:
        buttons = [
            _button("Check in", "checkin", number, "primary"),
            _button("Add milestone", "milestone", number),
            _button("Add task", "task", number),
        ]
        if card.next_milestone:
            buttons.append(
                ButtonElement(
                    text=f"✓ {card.next_milestone.title}"[:75],
                    action_id=ids.MILESTONE_DONE,
                    value=str(card.next_milestone.id),
                )
            )
    elif card.state is GoalState.PAUSED:
        buttons = [_button("Resume", "resume", number, "primary")]
    else:
        buttons = [_button("Extend", "edit", number, "primary"), _button("Reflect", "abandon", number)]
    return [*blocks, ActionsBlock(elements=buttons)]


def goal_blocks(board: Dashboard, zone: ZoneInfo, budget: int) -> list:
    """The dashboard in at most `budget` blocks; `zone` is the reader's, for the dates of lessons."""
    open_cards = [card for cards in board.open_goals.values() for card in cards]
    if not open_cards and not board.finished:
        return [section(EMPTY_STATE)]
    blocks = []
    tail = _tail(board, zone)
    room = budget - len(tail) - 2  # 2: a "more" note and a spare
    for horizon, cards in board.open_goals.items():
        if cards and room >= 3:
            blocks.append(section(f"*{horizon.label} goals* · {horizon.span_text}"))
            room -= 1
        for card in cards:
            if room < 2:
                break
            blocks += _goal_blocks(card)
            room -= 2
    shown = sum(1 for b in blocks if isinstance(b, ActionsBlock))
    if shown < len(open_cards):
        blocks.append(note(f"…and {len(open_cards) - shown} more goals. `/goal list` shows them all."))
    return [*blocks, *tail]


class GoalsSection:
    """Goals on App Home: a *New goal* button, and the dashboard."""

    budget = BUDGET

    def part(self, context: BoltContext, reader: Member, budget: int) -> Part:
        board = dashboard(unit_of_work(context, "goals"), reader, now(context))
        new_goal = ButtonElement(text="New goal", action_id=ids.NEW_GOAL_OPEN, style="primary")
        return Part([new_goal], goal_blocks(board, reader.zone, budget))


def _tail(board: Dashboard, zone: ZoneInfo) -> list:
    """Finished goals, open tasks and lessons, each kept short."""
    blocks = []
    if board.finished:
        names = ", ".join(goal_name(c.goal) for c in board.finished[:10])
        blocks.append(note(f"Finished: {names}" + (" …" if len(board.finished) > 10 else "")))
    if board.tasks:
        blocks += [DividerBlock(), section("*Your open tasks*, urgent and important first")]
        shown = tasks_by_quadrant(board.tasks, TASKS_SHOWN)
        blocks += shown
        hidden = len(board.tasks) - sum(1 for b in shown if b.accessory is not None)
        if hidden:
            blocks.append(note(f"…and {hidden} more. `/goal tasks` lists them all."))
    if board.lessons:
        blocks += [DividerBlock(), section("*Lessons*")]
        blocks += [section(lesson_text(lesson, zone)) for lesson in board.lessons[:LESSONS_SHOWN]]
        if len(board.lessons) > LESSONS_SHOWN:
            blocks.append(note(f"`/goal lessons` shows all {len(board.lessons)}."))
    return blocks
