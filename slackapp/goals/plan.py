"""Tasks, milestones, the ladder and lessons as blocks."""

from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import ButtonElement, MarkdownTextObject, SectionBlock

from domain.goals.ladder import Rung
from domain.goals.plan import Milestone, Task
from domain.goals.reflections import QUESTIONS, Reflection
from domain.shared.text import human_date
from slackapp.goals import ids
from slackapp.goals.cards import goal_name
from slackapp.shared.blocks import escape, local_date


def task_text(task: Task) -> str:
    text = f"*{escape(task.title)}* · due {human_date(task.due_on)} · goal #{task.goal_number}"
    if task.resource:
        kind = task.resource.kind.value
        text += f"\n📚 {kind}: <{escape(task.resource.link)}|open>" if task.resource.link else f"\n📚 {kind}"
    return text


def task_block(task: Task) -> SectionBlock:
    return SectionBlock(
        text=MarkdownTextObject(text=task_text(task)),
        accessory=ButtonElement(text="Done", action_id=ids.TASK_DONE, value=str(task.id)),
    )


def tasks_by_quadrant(tasks: list[Task], limit: int) -> list[SectionBlock]:
    """Tasks in plan order under their quadrant's heading, in at most `limit` blocks."""
    blocks, quadrant = [], None
    for task in tasks:
        if len(blocks) + (2 if task.quadrant != quadrant else 1) > limit:
            break
        if task.quadrant != quadrant:
            quadrant = task.quadrant
            blocks.append(SectionBlock(text=MarkdownTextObject(text=f"*{quadrant.label}*")))
        blocks.append(task_block(task))
    return blocks


def milestone_line(milestone: Milestone) -> str:
    mark = "☑️" if milestone.done_at else "⬜"
    return f"{mark} {escape(milestone.title)}, due {human_date(milestone.due_on)}"


def ladder_text(rungs: list[Rung]) -> str:
    lines = []

    def walk(rung: Rung, depth: int) -> None:
        bullet = ["•", "◦", "▪"][min(depth, 2)]
        lines.append(f"{'    ' * depth}{bullet} {goal_name(rung.goal)} ({rung.goal.spec.horizon.label.lower()})")
        for below in rung.below:
            walk(below, depth + 1)

    for rung in rungs:
        walk(rung, 0)
    return "\n".join(lines)


def lesson_text(lesson: Reflection, zone: ZoneInfo) -> str:
    answers = [
        f"_{question}_ {escape(getattr(lesson, field))}"
        for field, question in QUESTIONS.items()
        if getattr(lesson, field)
    ]
    title = f"*#{lesson.goal_number} · {escape(lesson.goal_title)}* · {local_date(lesson.at, zone)}"
    return "\n".join([title, *answers])[:3000]
