"""Reminder preferences, and planning reminder occurrences, in one workspace."""

from datetime import datetime, time

from sqlalchemy import delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from domain.goals import GoalStatus
from domain.members import Member
from domain.preferences import Cadence, Preferences
from domain.reminders import ReminderKind, ReminderState
from persistence.repositories.scoped import Scoped
from persistence.tables import GoalRow, MemberRow, ReminderPrefsRow, ReminderRow


class SqlReminderRepository(Scoped):
    def preferences(self, user_id: str) -> Preferences | None:
        row = self.session.scalar(
            select(ReminderPrefsRow).where(self.mine(ReminderPrefsRow), ReminderPrefsRow.user_id == user_id)
        )
        return None if row is None else _preferences(row)

    def save_preferences(self, user_id: str, prefs: Preferences) -> None:
        values = _columns(prefs)
        where = (self.mine(ReminderPrefsRow), ReminderPrefsRow.user_id == user_id)
        if self.session.execute(update(ReminderPrefsRow).where(*where).values(**values)).rowcount:
            return
        try:
            with self.session.begin_nested():
                self.session.execute(insert(ReminderPrefsRow).values(**self.keys(), user_id=user_id, **values))
        except IntegrityError:  # saved at the same moment elsewhere: ours is the later word
            self.session.execute(update(ReminderPrefsRow).where(*where).values(**values))

    def people_with_active_goals(self) -> list[tuple[Member, Preferences | None]]:
        """Everyone here with an active goal, with their reminder preferences if they set any."""
        active = (
            select(GoalRow.owner_id).distinct().where(self.mine(GoalRow), GoalRow.status == GoalStatus.ACTIVE.value)
        )
        rows = self.session.execute(
            select(MemberRow, ReminderPrefsRow)
            .outerjoin(ReminderPrefsRow, (ReminderPrefsRow.user_id == MemberRow.user_id) & self.mine(ReminderPrefsRow))
            .where(self.mine(MemberRow), MemberRow.user_id.in_(active))
        )
        return [
            (Member(m.user_id, m.display_name, m.tz, m.refreshed_at, m.is_admin), _preferences(p) if p else None)
            for m, p in rows
        ]

    def drop_planned(self, user_id: str, kind: ReminderKind) -> None:
        """Forget occurrences not yet queued, so new preferences take effect."""
        self.session.execute(
            delete(ReminderRow).where(
                self.mine(ReminderRow),
                ReminderRow.user_id == user_id,
                ReminderRow.kind == kind.value,
                ReminderRow.state == ReminderState.PENDING.value,
            )
        )

    def plan(self, user_id: str, kind: ReminderKind, key: str, due_at: datetime) -> bool:
        """Plan one occurrence; False when it was planned before (its key is taken)."""
        dialect = postgresql if self.session.get_bind().dialect.name == "postgresql" else sqlite
        statement = (
            dialect.insert(ReminderRow)
            .values(
                **self.keys(),
                user_id=user_id,
                kind=kind.value,
                key=key,
                due_at=due_at,
                state=ReminderState.PENDING.value,
            )
            .on_conflict_do_nothing()
            .returning(ReminderRow.id)
        )
        return self.session.execute(statement).scalar_one_or_none() is not None

    def reschedule(self, user_id: str, kind: ReminderKind, key: str, due_at: datetime) -> None:
        """Move a planned occurrence that has not gone to the queue yet."""
        self.session.execute(
            update(ReminderRow)
            .where(
                self.mine(ReminderRow),
                ReminderRow.user_id == user_id,
                ReminderRow.kind == kind.value,
                ReminderRow.key == key,
                ReminderRow.state == ReminderState.PENDING.value,
            )
            .values(due_at=due_at)
        )


def _columns(prefs: Preferences) -> dict:
    return {
        "cadence": prefs.cadence.value,
        "weekday": prefs.weekday,
        "at": prefs.at.strftime("%H:%M"),
        "working_days": ",".join(str(d) for d in sorted(prefs.working_days)),
        "work_start": prefs.work_start.strftime("%H:%M"),
        "work_end": prefs.work_end.strftime("%H:%M"),
        "tz": prefs.tz,
        "holiday_country": prefs.holiday_country,
        "paused_until": prefs.paused_until,
    }


def _preferences(row: ReminderPrefsRow) -> Preferences:
    days = frozenset(int(d) for d in row.working_days.split(",") if d)
    return Preferences(
        Cadence(row.cadence),
        row.weekday,
        time.fromisoformat(row.at),
        days,
        time.fromisoformat(row.work_start),
        time.fromisoformat(row.work_end),
        row.tz,
        row.holiday_country,
        row.paused_until,
    )
