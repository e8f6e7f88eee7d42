"""How a goal reads in a list, a message or App Home."""

from domain.coach import Assessment
from domain.goals import Goal, MeasureKind, human_date
from slackapp.views.mrkdwn import escape, progress_bar


def goal_line(goal: Goal) -> str:
    """`*#2 · Title*` and a line with progress, horizon and due date."""
    spec = goal.spec
    return (
        f"*#{goal.number} · {escape(spec.title)}*\n"
        f"`{progress_bar(goal.progress)}` · {spec.horizon.label} ({spec.horizon.span_text}) · "
        f"due {human_date(spec.due_on)}"
    )


def goal_details(goal: Goal, assessment: Assessment) -> str:
    measure = goal.spec.measure
    measured = "measured by milestones" if measure.kind is MeasureKind.MILESTONES else escape(measure.describe())
    return f"SMART {assessment.score}/5 · {measured} · visible to: {goal.spec.visibility.label.lower()}"
