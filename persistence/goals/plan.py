"""Milestones and tasks."""

from datetime import datetime

from sqlalchemy import select, update

from domain.goals.model import GoalStatus
from domain.goals.plan import Milestone, NewMilestone, NewTask, Resource, ResourceKind, Task
from persistence.goals.parts import GoalParts
from persistence.goals.tables import GoalRow, MilestoneRow, TaskRow


class SqlPlanRepository(GoalParts):
    def add_milestone(self, goal_id: int, milestone: NewMilestone) -> Milestone:
        row = MilestoneRow(
            **self.keys(),
            goal_id=goal_id,
            owner_id=self.goal_owner(goal_id),
            title=milestone.title,
            due_on=milestone.due_on,
        )
        self.session.add(row)
        self.session.flush()
        return _milestone(row)

    def milestones(self, goal_ids: list[int]) -> list[Milestone]:
        rows = self.session.scalars(
            select(MilestoneRow)
            .where(self.mine(MilestoneRow), MilestoneRow.goal_id.in_(goal_ids))
            .order_by(MilestoneRow.due_on, MilestoneRow.id)
        )
        return [_milestone(row) for row in rows]

    def milestone(self, owner_id: str, milestone_id: int) -> Milestone | None:
        row = self.session.scalar(select(MilestoneRow).where(*self._my_milestone(owner_id, milestone_id)))
        return None if row is None else _milestone(row)

    def _my_milestone(self, owner_id: str, milestone_id: int):
        return self.mine(MilestoneRow), MilestoneRow.owner_id == owner_id, MilestoneRow.id == milestone_id

    def finish_milestone(self, owner_id: str, milestone_id: int, at: datetime) -> Milestone | None:
        mine = self._my_milestone(owner_id, milestone_id)
        self.session.execute(update(MilestoneRow).where(*mine, MilestoneRow.done_at.is_(None)).values(done_at=at))
        return self.milestone(owner_id, milestone_id)

    def add_task(self, goal_id: int, task: NewTask) -> Task:
        resource = task.resource
        row = TaskRow(
            **self.keys(),
            goal_id=goal_id,
            owner_id=self.goal_owner(goal_id),
            title=task.title,
            due_on=task.due_on,
            urgent=task.urgent,
            important=task.important,
            milestone_id=task.milestone_id,
            resource_kind=resource.kind.value if resource else None,
            resource_link=resource.link if resource else None,
        )
        self.session.add(row)
        self.session.flush()
        return self._tasks(TaskRow.id == row.id)[0]

    def _tasks(self, *where) -> list[Task]:
        rows = self.session.execute(
            select(TaskRow, GoalRow.number)
            .join(GoalRow, GoalRow.id == TaskRow.goal_id)
            .where(self.mine(TaskRow), *where)
            .order_by(TaskRow.due_on, TaskRow.id)
        )
        return [_task(row, number) for row, number in rows]

    def open_tasks(self, owner_id: str) -> list[Task]:
        still_open = GoalRow.status.in_([GoalStatus.ACTIVE.value, GoalStatus.PAUSED.value])
        return self._tasks(TaskRow.owner_id == owner_id, TaskRow.done_at.is_(None), still_open)

    def task(self, owner_id: str, task_id: int) -> Task | None:
        found = self._tasks(TaskRow.owner_id == owner_id, TaskRow.id == task_id)
        return found[0] if found else None

    def tasks(self, goal_id: int) -> list[Task]:
        return self._tasks(TaskRow.goal_id == goal_id)

    def finish_task(self, owner_id: str, task_id: int, at: datetime) -> Task | None:
        mine = (self.mine(TaskRow), TaskRow.owner_id == owner_id, TaskRow.id == task_id)
        self.session.execute(update(TaskRow).where(*mine, TaskRow.done_at.is_(None)).values(done_at=at))
        return self.task(owner_id, task_id)


def _milestone(row: MilestoneRow) -> Milestone:
    return Milestone(row.id, row.goal_id, row.title, row.due_on, row.done_at)


def _task(row: TaskRow, goal_number: int) -> Task:
    resource = Resource(ResourceKind(row.resource_kind), row.resource_link) if row.resource_kind else None
    return Task(
        row.id,
        row.goal_id,
        goal_number,
        row.milestone_id,
        row.title,
        row.due_on,
        row.urgent,
        row.important,
        resource,
        row.done_at,
    )
