"""Reminder preferences, and planning reminder occurrences, in one workspace."""

from datetime import datetime, time

from sqlalchemy import delete, insert, select, update

from domain.reminders.model import SNOOZE_MARK, Reminder, ReminderState
from domain.reminders.preferences import Cadence, Preferences
from domain.shared.workspace import WorkspaceKey
from persistence.base import Scoped
from persistence.reminders.tables import ReminderPrefsRow, ReminderRow


class SqlReminderRepository(Scoped):
    def preferences(self, user_id: str) -> Preferences | None:
        return self.preferences_of([user_id]).get(user_id)

    def preferences_of(self, user_ids: list[str]) -> dict[str, Preferences]:
        rows = self.session.scalars(
            select(ReminderPrefsRow).where(self.mine(ReminderPrefsRow), ReminderPrefsRow.user_id.in_(user_ids))
        )
        return {row.user_id: _preferences(row) for row in rows}

    def save_preferences(self, user_id: str, prefs: Preferences) -> None:
        values = _columns(prefs)
        self.upsert(
            update(ReminderPrefsRow)
            .where(self.mine(ReminderPrefsRow), ReminderPrefsRow.user_id == user_id)
            .values(**values),
            insert(ReminderPrefsRow).values(**self.keys(), user_id=user_id, **values),
        )

    def occurrence(self, user_id: str, reminder_id: int) -> Reminder | None:
        row = self.session.scalar(
            select(ReminderRow).where(
                self.mine(ReminderRow), ReminderRow.user_id == user_id, ReminderRow.id == reminder_id
            )
        )
        return None if row is None else reminder_of(row)

    def drop_planned(self, user_id: str) -> None:
        """Forget occurrences not yet queued, so new preferences take effect; snoozes stay as asked."""
        self.session.execute(
            delete(ReminderRow).where(
                self.mine(ReminderRow),
                ReminderRow.user_id == user_id,
                ReminderRow.state == ReminderState.PENDING.value,
                ~ReminderRow.key.contains(SNOOZE_MARK, autoescape=True),
            )
        )

    def plan(self, user_id: str, kind: str, key: str, due_at: datetime) -> bool:
        """Plan one occurrence; False when it was planned before (its key is taken)."""
        statement = self.insert_or_ignore(
            ReminderRow,
            user_id=user_id,
            kind=kind,
            key=key,
            due_at=due_at,
            planned_at=due_at,
            state=ReminderState.PENDING.value,
        )
        return self.session.execute(statement.returning(ReminderRow.id)).scalar_one_or_none() is not None

    def reschedule(self, user_id: str, kind: str, key: str, due_at: datetime) -> None:
        """Move a planned occurrence that has not gone to the queue yet, when it is planned for another time than
        before; a move the engine made itself (into working hours, past a daily cap) stays."""
        self.session.execute(
            update(ReminderRow)
            .where(
                self.mine(ReminderRow),
                ReminderRow.user_id == user_id,
                ReminderRow.kind == kind,
                ReminderRow.key == key,
                ReminderRow.state == ReminderState.PENDING.value,
                ReminderRow.planned_at.is_(None) | (ReminderRow.planned_at != due_at),
            )
            .values(due_at=due_at, planned_at=due_at)
        )


def reminder_of(row: ReminderRow) -> Reminder:
    return Reminder(
        row.id,
        WorkspaceKey(row.enterprise_id, row.team_id),
        row.user_id,
        row.kind,
        row.key,
        row.due_at,
        ReminderState(row.state),
        row.counted_on,
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
        "off_kinds": ",".join(sorted(prefs.off_kinds)),
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
        frozenset(kind for kind in row.off_kinds.split(",") if kind),
    )
