"""Repositories bound to one workspace: every query they run is scoped by it."""

from datetime import date, datetime

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain.errors import AlreadyExists
from domain.goals import Goal, GoalSpec, GoalStatus, Horizon, Measure, MeasureKind, Visibility
from domain.members import Member
from domain.workspace import WorkspaceKey
from persistence.tables import GoalRow, MemberRow, WorkspaceScoped


class _Scoped:
    def __init__(self, session: Session, workspace: WorkspaceKey):
        self.session = session
        self.workspace = workspace

    def _where(self, row: type[WorkspaceScoped]):
        return (row.enterprise_id == self.workspace.enterprise_id) & (row.team_id == self.workspace.team_id)

    def _keys(self) -> dict[str, str]:
        return {"enterprise_id": self.workspace.enterprise_id, "team_id": self.workspace.team_id}


class SqlMemberRepository(_Scoped):
    def get(self, user_id: str) -> Member | None:
        row = self.session.scalar(select(MemberRow).where(self._where(MemberRow), MemberRow.user_id == user_id))
        return None if row is None else Member(row.user_id, row.display_name, row.tz, row.refreshed_at)

    def save(self, member: Member) -> None:
        profile = {"display_name": member.display_name, "tz": member.tz, "refreshed_at": member.refreshed_at}
        changed = self.session.execute(
            update(MemberRow).where(self._where(MemberRow), MemberRow.user_id == member.user_id).values(**profile)
        ).rowcount
        if changed:
            return
        try:
            with self.session.begin_nested():
                self.session.execute(
                    insert(MemberRow).values(**self._keys(), user_id=member.user_id, goal_seq=0, **profile)
                )
        except IntegrityError:  # someone else inserted the row first: update it instead
            self.session.execute(
                update(MemberRow).where(self._where(MemberRow), MemberRow.user_id == member.user_id).values(**profile)
            )

    def next_goal_number(self, user_id: str) -> int:
        return self.session.execute(
            update(MemberRow)
            .where(self._where(MemberRow), MemberRow.user_id == user_id)
            .values(goal_seq=MemberRow.goal_seq + 1)
            .returning(MemberRow.goal_seq)
        ).scalar_one()


class SqlGoalRepository(_Scoped):
    def add(
        self, owner_id: str, number: int, spec: GoalSpec, starts_on: date, created_at: datetime, source_key: str | None
    ) -> Goal:
        measure = spec.measure
        row = GoalRow(
            **self._keys(),
            owner_id=owner_id,
            number=number,
            title=spec.title,
            why=spec.why,
            horizon=spec.horizon.value,
            due_on=spec.due_on,
            starts_on=starts_on,
            measure_kind=measure.kind.value,
            metric=measure.metric,
            target=measure.target,
            unit=measure.unit,
            baseline=measure.baseline,
            current_value=None,
            visibility=spec.visibility.value,
            status=GoalStatus.ACTIVE.value,
            created_at=created_at,
            source_key=source_key,
        )
        try:
            with self.session.begin_nested():
                self.session.add(row)
        except IntegrityError as error:
            raise AlreadyExists("This goal was already saved.") from error
        return _goal(row)

    def owned_by(self, owner_id: str) -> list[Goal]:
        rows = self.session.scalars(
            select(GoalRow).where(self._where(GoalRow), GoalRow.owner_id == owner_id).order_by(GoalRow.number)
        )
        return [_goal(row) for row in rows]

    def by_source_key(self, source_key: str) -> Goal | None:
        row = self.session.scalar(select(GoalRow).where(self._where(GoalRow), GoalRow.source_key == source_key))
        return None if row is None else _goal(row)


def _goal(row: GoalRow) -> Goal:
    measure = Measure(MeasureKind(row.measure_kind), row.metric, row.target, row.unit, row.baseline)
    spec = GoalSpec(row.title, row.why, Horizon(row.horizon), row.due_on, measure, Visibility(row.visibility))
    return Goal(
        row.id, row.number, row.owner_id, spec, row.starts_on, GoalStatus(row.status), row.current_value, row.created_at
    )
