"""How a goal reads in a list, a message or App Home."""

from domain.goals.model import Goal, MeasureKind
from domain.goals.overview import GoalCard
from domain.goals.pace import Pace
from domain.shared.text import human_date
from slackapp.shared.blocks import escape, progress_bar

PACE_BADGES = {
    Pace.ON_TRACK: "🟢 on track",
    Pace.BEHIND: "🟡 behind",
    Pace.AT_RISK: "🔴 at risk",
    Pace.PAUSED: "⏸️ paused",
    Pace.MISSED: "⚠️ missed: past its due date",
    Pace.COMPLETED: "✅ completed",
    Pace.ABANDONED: "🍂 let go",
}


def goal_name(goal: Goal) -> str:
    return f"#{goal.number} · {escape(goal.spec.title)}"


def goal_line(goal: Goal) -> str:
    """`*#2 · Title*` and a line with progress, horizon and due date."""
    spec = goal.spec
    return (
        f"*{goal_name(goal)}*\n"
        f"`{progress_bar(goal.progress)}` · {spec.horizon.label} ({spec.horizon.span_text}) · "
        f"due {human_date(spec.due_on)}"
    )


def goal_details(goal: Goal) -> str:
    measure = goal.spec.measure
    measured = "measured by milestones" if measure.kind is MeasureKind.MILESTONES else escape(measure.describe())
    details = f"{measured} · visible to: {goal.spec.visibility.label.lower()}"
    if goal.skills:
        details += f"\nBuilds: {escape(', '.join(goal.skills))}"
    return details


def pace_text(card: GoalCard) -> str:
    text = f"{PACE_BADGES[card.pace.pace]} · SMART {card.assessment.score}/5"
    if card.pace.stale:
        text += " · no check-in for two weeks"
    return text


def card_text(card: GoalCard) -> str:
    """A goal as a card: the line, its pace, what it supports and its next milestone."""
    lines = [goal_line(card.goal), pace_text(card)]
    if card.supports:
        lines.append(f"↑ supports {goal_name(card.supports)}")
    if card.next_milestone:
        milestone = card.next_milestone
        lines.append(f"Next milestone: {escape(milestone.title)}, due {human_date(milestone.due_on)}")
    return "\n".join(lines)
