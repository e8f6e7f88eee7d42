"""What happened to a goal: check-ins, adjustments and reflections. Rows are only ever added."""

from datetime import datetime

from sqlalchemy import func, select

from domain.goals.adjustments import Adjusted, Adjustment, Change
from domain.goals.checkins import CheckIn, CheckInEntry
from domain.goals.reflections import Reflection, ReflectionForm
from persistence.goals.parts import GoalParts
from persistence.goals.tables import AdjustmentRow, CheckInRow, GoalRow, ReflectionRow


class SqlHistoryRepository(GoalParts):
    def add_checkin(self, goal_id: int, author_id: str, entry: CheckInEntry, at: datetime) -> CheckIn:
        row = CheckInRow(
            **self.keys(),
            goal_id=goal_id,
            owner_id=author_id,
            at=at,
            value=entry.value,
            confidence=entry.confidence,
            blockers=entry.blockers,
            learned=entry.learned,
            next_step=entry.next_step,
        )
        self.session.add(row)
        self.session.flush()
        return _checkin(row)

    def _checkins(self, *where) -> list[CheckIn]:
        rows = self.session.scalars(
            select(CheckInRow).where(self.mine(CheckInRow), *where).order_by(CheckInRow.at, CheckInRow.id)
        )
        return [_checkin(row) for row in rows]

    def checkins(self, goal_id: int) -> list[CheckIn]:
        return self._checkins(CheckInRow.goal_id == goal_id)

    def checkins_since(self, goal_ids: list[int], since: datetime) -> list[CheckIn]:
        return self._checkins(CheckInRow.goal_id.in_(goal_ids), CheckInRow.at >= since)

    def values_at(self, goal_ids: list[int], instant: datetime) -> dict[int, float]:
        """Each goal's check-ins with a value up to `instant`, ranked newest first (as a goal's own latest value
        is: by time, then id), and the first of each."""
        newest = func.row_number().over(
            partition_by=CheckInRow.goal_id, order_by=(CheckInRow.at.desc(), CheckInRow.id.desc())
        )
        valued = (CheckInRow.goal_id.in_(goal_ids), CheckInRow.value.is_not(None), CheckInRow.at <= instant)
        ranked = (
            select(CheckInRow.goal_id, CheckInRow.value, newest.label("newest"))
            .where(self.mine(CheckInRow), *valued)
            .subquery()
        )
        rows = self.session.execute(select(ranked.c.goal_id, ranked.c.value).where(ranked.c.newest == 1))
        return {goal_id: value for goal_id, value in rows}

    def add_adjustment(self, goal_id: int, adjusted: Adjusted, at: datetime) -> None:
        changes = [{"field": c.field, "before": c.before, "after": c.after} for c in adjusted.changes]
        owner = self.goal_owner(goal_id)
        self.session.add(
            AdjustmentRow(
                **self.keys(), goal_id=goal_id, owner_id=owner, at=at, reason=adjusted.reason, changes=changes
            )
        )

    def adjustments(self, goal_id: int) -> list[Adjustment]:
        rows = self.session.scalars(
            select(AdjustmentRow)
            .where(self.mine(AdjustmentRow), AdjustmentRow.goal_id == goal_id)
            .order_by(AdjustmentRow.at, AdjustmentRow.id)
        )
        return [Adjustment(row.at, row.reason, tuple(Change(**change) for change in row.changes)) for row in rows]

    def add_reflection(self, goal_id: int, reflection: ReflectionForm, at: datetime) -> None:
        owner = self.goal_owner(goal_id)
        self.session.add(
            ReflectionRow(
                **self.keys(),
                goal_id=goal_id,
                owner_id=owner,
                at=at,
                happened=reflection.happened,
                learned=reflection.learned,
                differently=reflection.differently,
            )
        )

    def reflections(self, owner_id: str) -> list[Reflection]:
        rows = self.session.execute(
            select(ReflectionRow, GoalRow.number, GoalRow.title)
            .join(GoalRow, GoalRow.id == ReflectionRow.goal_id)
            .where(self.mine(ReflectionRow), ReflectionRow.owner_id == owner_id)
            .order_by(ReflectionRow.at.desc(), ReflectionRow.id.desc())
        )
        return [
            Reflection(number, title, row.at, row.happened, row.learned, row.differently) for row, number, title in rows
        ]


def _checkin(row: CheckInRow) -> CheckIn:
    return CheckIn(row.id, row.goal_id, row.at, row.value, row.confidence, row.blockers, row.learned, row.next_step)
