"""Goals, read with their milestone and check-in counts."""

from datetime import date, datetime

from sqlalchemy import func, select, type_coerce, update
from sqlalchemy.exc import IntegrityError

from domain.goals.model import Goal, GoalSpec, GoalStatus, Horizon, Measure, MeasureKind, Visibility
from domain.shared.errors import AlreadyExists
from domain.shared.skills import skill_key
from persistence.base import Scoped, UTCDateTime
from persistence.goals.tables import CheckInRow, GoalCounterRow, GoalRow, MilestoneRow


def _count(column, *where):
    return select(func.count(column)).where(*where).correlate(GoalRow).scalar_subquery()


_MILESTONES_DONE = _count(MilestoneRow.id, MilestoneRow.goal_id == GoalRow.id, MilestoneRow.done_at.is_not(None))
_MILESTONES = _count(MilestoneRow.id, MilestoneRow.goal_id == GoalRow.id)
_CHECKINS = _count(CheckInRow.id, CheckInRow.goal_id == GoalRow.id)
_LATEST_VALUE = (
    select(CheckInRow.value)
    .where(CheckInRow.goal_id == GoalRow.id, CheckInRow.value.is_not(None))
    .order_by(CheckInRow.at.desc(), CheckInRow.id.desc())
    .limit(1)
    .correlate(GoalRow)
    .scalar_subquery()
)
_LAST_CHECKIN = type_coerce(
    select(func.max(CheckInRow.at)).where(CheckInRow.goal_id == GoalRow.id).correlate(GoalRow).scalar_subquery(),
    UTCDateTime(),
)


class SqlGoalRepository(Scoped):
    def add(
        self,
        owner_id: str,
        number: int,
        spec: GoalSpec,
        starts_on: date,
        created_at: datetime,
        source_key: str | None,
        supports_id: int | None = None,
    ) -> Goal:
        row = GoalRow(
            **self.keys(),
            owner_id=owner_id,
            number=number,
            starts_on=starts_on,
            status=GoalStatus.ACTIVE.value,
            created_at=created_at,
            source_key=source_key,
            supports_id=supports_id,
            **_spec_columns(spec),
        )
        try:
            with self.session.begin_nested():
                self.session.add(row)
        except IntegrityError as error:
            raise AlreadyExists("This goal was already saved.") from error
        return self._one(GoalRow.id == row.id)

    def _select(self):
        return select(GoalRow, _MILESTONES_DONE, _MILESTONES, _CHECKINS, _LAST_CHECKIN, _LATEST_VALUE).where(
            self.mine(GoalRow)
        )

    def _one(self, *where) -> Goal | None:
        row = self.session.execute(self._select().where(*where)).first()
        return None if row is None else _goal(*row)

    def owned_by(self, owner_id: str) -> list[Goal]:
        return self.owned_by_many([owner_id])

    def owned_by_many(self, owner_ids: list[str], visibilities: frozenset[Visibility] | None = None) -> list[Goal]:
        if not owner_ids:
            return []
        theirs = self._select().where(GoalRow.owner_id.in_(owner_ids))
        if visibilities is not None:
            theirs = theirs.where(GoalRow.visibility.in_([v.value for v in visibilities]))
        rows = self.session.execute(theirs.order_by(GoalRow.owner_id, GoalRow.number))
        return [_goal(*row) for row in rows]

    def by_number(self, owner_id: str, number: int) -> Goal | None:
        return self._one(GoalRow.owner_id == owner_id, GoalRow.number == number)

    def by_id(self, owner_id: str, goal_id: int) -> Goal | None:
        return self._one(GoalRow.owner_id == owner_id, GoalRow.id == goal_id)

    def by_source_key(self, source_key: str) -> Goal | None:
        return self._one(GoalRow.source_key == source_key)

    def _update(self, goal_id: int, *where, **values) -> int:
        statement = update(GoalRow).where(self.mine(GoalRow), GoalRow.id == goal_id, *where).values(**values)
        return self.session.execute(statement).rowcount

    def move(
        self,
        goal_id: int,
        to: GoalStatus,
        allowed_from: frozenset[GoalStatus],
        at: datetime,
        paused_days: int | None = None,
    ) -> bool:
        changes = {}
        if paused_days is not None:
            changes["paused_days"] = paused_days
        allowed = GoalRow.status.in_([s.value for s in allowed_from])
        return self._update(goal_id, allowed, status=to.value, status_changed_at=at, **changes) == 1

    def claim_congratulation(self, goal_id: int, at: datetime) -> bool:
        return self._update(goal_id, GoalRow.congratulated_at.is_(None), congratulated_at=at) == 1

    def release_congratulation(self, goal_id: int) -> None:
        self._update(goal_id, congratulated_at=None)

    def next_number(self, owner_id: str) -> int:
        return self.next_count(GoalCounterRow.goal_seq, owner_id=owner_id)

    def owners_with_active_goals(self) -> list[str]:
        active = (
            select(GoalRow.owner_id).distinct().where(self.mine(GoalRow), GoalRow.status == GoalStatus.ACTIVE.value)
        )
        return list(self.session.scalars(active))

    def skills_of_active(self, owner_id: str) -> list[str]:
        active = (
            select(GoalRow.skills)
            .where(self.mine(GoalRow), GoalRow.owner_id == owner_id, GoalRow.status == GoalStatus.ACTIVE.value)
            .order_by(GoalRow.number)
        )
        first: dict[str, str] = {}
        for names in self.session.scalars(active):
            for name in names or []:
                first.setdefault(skill_key(name), name)
        return list(first.values())

    def update_spec(self, goal_id: int, spec: GoalSpec) -> None:
        self._update(goal_id, **_spec_columns(spec))

    def record_helped_most(self, goal_id: int, text: str) -> None:
        self._update(goal_id, helped_most=text)


def _spec_columns(spec: GoalSpec) -> dict:
    measure = spec.measure
    return {
        "title": spec.title,
        "why": spec.why,
        "horizon": spec.horizon.value,
        "due_on": spec.due_on,
        "measure_kind": measure.kind.value,
        "metric": measure.metric,
        "target": measure.target,
        "unit": measure.unit,
        "baseline": measure.baseline,
        "visibility": spec.visibility.value,
        "skills": list(spec.skills),
    }


def _goal(row: GoalRow, milestones_done: int, milestones: int, checkins: int, last_checkin, latest_value) -> Goal:
    measure = Measure(MeasureKind(row.measure_kind), row.metric, row.target, row.unit, row.baseline)
    skills = tuple(row.skills or ())
    spec = GoalSpec(row.title, row.why, Horizon(row.horizon), row.due_on, measure, Visibility(row.visibility), skills)
    return Goal(
        row.id,
        row.number,
        row.owner_id,
        spec,
        row.starts_on,
        GoalStatus(row.status),
        latest_value,
        row.created_at,
        supports_id=row.supports_id,
        status_changed_at=row.status_changed_at,
        paused_days=row.paused_days,
        completed_at=row.status_changed_at if row.status == GoalStatus.COMPLETED.value else None,
        helped_most=row.helped_most,
        milestones_done=milestones_done,
        milestones_total=milestones,
        checkins=checkins,
        last_checkin_at=last_checkin,
    )
