"""The action plan: milestones on the way to a goal, and tasks in Eisenhower order."""

from dataclasses import dataclass
from datetime import date, datetime
from enum import IntEnum, StrEnum
from urllib.parse import urlsplit

from domain.goals.model import Goal
from domain.shared.forms import FormCheck

PLAN_TITLE_MAX = 150
LINK_MAX = 500


@dataclass(frozen=True)
class Milestone:
    id: int
    goal_id: int
    title: str
    due_on: date
    done_at: datetime | None = None


@dataclass(frozen=True)
class MilestoneForm:
    title: str | None = None
    due_on: str | None = None


@dataclass(frozen=True)
class NewMilestone:
    title: str
    due_on: date


def check_milestone(form: MilestoneForm, goal: Goal, today: date) -> NewMilestone:
    check = FormCheck()
    title = check.text("title", form.title, "the milestone", PLAN_TITLE_MAX)
    due_on = check.day("due_on", form.due_on, today)
    check.within("due_on", due_on, goal.starts_on, goal.spec.due_on, f"A milestone falls within goal #{goal.number}")
    check.done()
    return NewMilestone(title, due_on)


def is_web_link(text: str) -> bool:
    """An http(s) address with a host, and nothing that could close or relabel a link in a message."""
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not any(c in text for c in " |<>\n\t")


class ResourceKind(StrEnum):
    COURSE = "course"
    BOOK = "book"
    CERTIFICATION = "certification"
    WORKSHOP = "workshop"
    MENTOR_SESSION = "mentor session"


@dataclass(frozen=True)
class Resource:
    kind: ResourceKind
    link: str | None = None


class Quadrant(IntEnum):
    """Eisenhower's four boxes, in the order to work through them."""

    DO_FIRST = 1
    SCHEDULE = 2
    DELEGATE = 3
    LATER = 4

    @property
    def label(self) -> str:
        return {1: "Urgent and important", 2: "Important", 3: "Urgent", 4: "Neither urgent nor important"}[self]


@dataclass(frozen=True)
class Task:
    id: int
    goal_id: int
    goal_number: int
    milestone_id: int | None
    title: str
    due_on: date
    urgent: bool
    important: bool
    resource: Resource | None = None
    done_at: datetime | None = None

    @property
    def quadrant(self) -> Quadrant:
        if self.important:
            return Quadrant.DO_FIRST if self.urgent else Quadrant.SCHEDULE
        return Quadrant.DELEGATE if self.urgent else Quadrant.LATER


def in_plan_order(tasks: list[Task]) -> list[Task]:
    """Urgent and important first, then important, then urgent, then neither; by due date within each."""
    return sorted(tasks, key=lambda task: (task.quadrant, task.due_on, task.id))


@dataclass(frozen=True)
class TaskForm:
    title: str | None = None
    due_on: str | None = None
    urgent: bool = False
    important: bool = False
    milestone: str | None = None  # a milestone's id, or None for the goal itself
    resource_kind: str | None = None
    resource_link: str | None = None


@dataclass(frozen=True)
class NewTask:
    title: str
    due_on: date
    urgent: bool
    important: bool
    milestone_id: int | None
    resource: Resource | None


def check_task(form: TaskForm, goal: Goal, open_milestones: list[Milestone], today: date) -> NewTask:
    check = FormCheck()
    title = check.text("title", form.title, "the task", PLAN_TITLE_MAX)
    due_on = check.day("due_on", form.due_on, today)
    check.within("due_on", due_on, today, goal.spec.due_on, f"A task is due by goal #{goal.number}'s own date")
    milestone_id = None
    if form.milestone:
        by_id = {str(m.id): m for m in open_milestones}
        if form.milestone not in by_id:
            check.fail("milestone", f"Pick one of goal #{goal.number}'s open milestones, or none.")
        else:
            milestone_id = by_id[form.milestone].id
    resource = _resource(form, check)
    check.done()
    return NewTask(title, due_on, form.urgent, form.important, milestone_id, resource)


def _resource(form: TaskForm, check: FormCheck) -> Resource | None:
    link = check.text("resource_link", form.resource_link, "the link", LINK_MAX, required=False)
    if link and not is_web_link(link):
        check.fail("resource_link", "Give a web address that starts with https:// or http://.")
    if not form.resource_kind:
        if link:
            check.fail("resource_kind", "Say what kind of resource the link is.")
        return None
    kind = check.choice("resource_kind", ResourceKind, form.resource_kind, "Pick a kind of learning resource.")
    return Resource(kind, link) if kind else None
