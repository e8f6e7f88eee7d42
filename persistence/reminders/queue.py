"""The reminder engine's view across workspaces: which occurrences are due, and each one's state.

State changes are conditional updates, so of several workers racing on one occurrence exactly one wins.
This is the one store that reads across workspaces; every row it hands out names its workspace.
"""

from collections.abc import Callable
from datetime import date, datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from domain.reminders.model import Reminder, ReminderState
from domain.shared.workspace import WorkspaceKey
from persistence.reminders.repository import reminder_of
from persistence.reminders.tables import ReminderRow


class SqlReminderQueue:
    def __init__(self, session_factory: sessionmaker[Session], workspaces: Callable[[], list[WorkspaceKey]]):
        self.session_factory = session_factory
        self.workspaces = workspaces  # where to plan: the workspaces Trellis knows people in

    def due_count(self, now: datetime) -> int:
        """Occurrences due and not sent: handed to the queue, or due and not yet claimed by a sweep."""
        queued = ReminderRow.state == ReminderState.QUEUED.value
        due = (ReminderRow.state == ReminderState.PENDING.value) & (ReminderRow.due_at <= now)
        with self.session_factory() as session:
            return session.scalar(select(func.count()).select_from(ReminderRow).where(queued | due))

    def claim_due(self, now: datetime, limit: int) -> list[int]:
        """Mark up to `limit` due occurrences queued, and return them; concurrent callers get disjoint sets."""
        with self.session_factory.begin() as session:
            due = (
                select(ReminderRow.id)
                .where(ReminderRow.state == ReminderState.PENDING.value, ReminderRow.due_at <= now)
                .order_by(ReminderRow.due_at, ReminderRow.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
            ids = list(session.scalars(due))
            if ids:
                session.execute(
                    update(ReminderRow)
                    .where(ReminderRow.id.in_(ids), ReminderRow.state == ReminderState.PENDING.value)
                    .values(state=ReminderState.QUEUED.value, queued_at=now)
                )
            return ids

    def requeue_lost(self, now: datetime, older_than: timedelta, limit: int) -> list[int]:
        """Queued occurrences whose queue entry may have vanished (say, Redis was flushed): queue them again."""
        with self.session_factory.begin() as session:
            stale = (
                select(ReminderRow.id)
                .where(ReminderRow.state == ReminderState.QUEUED.value, ReminderRow.queued_at < now - older_than)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
            ids = list(session.scalars(stale))
            if ids:
                session.execute(update(ReminderRow).where(ReminderRow.id.in_(ids)).values(queued_at=now))
            return ids

    def _move(self, reminder_id: int, to: ReminderState, from_: ReminderState, **values) -> bool:
        with self.session_factory.begin() as session:
            statement = (
                update(ReminderRow)
                .where(ReminderRow.id == reminder_id, ReminderRow.state == from_.value)
                .values(state=to.value, **values)
            )
            return session.execute(statement).rowcount == 1

    def start(self, reminder_id: int) -> Reminder | None:
        """Take a queued occurrence for sending; None when another worker has it, or had it."""
        if not self._move(reminder_id, ReminderState.SENDING, ReminderState.QUEUED):
            return None
        with self.session_factory() as session:
            return reminder_of(session.get(ReminderRow, reminder_id))

    def finish(self, reminder_id: int, state: ReminderState, at: datetime, detail: str | None = None) -> None:
        self._move(reminder_id, state, ReminderState.SENDING, sent_at=at, detail=detail)

    def back_to_queue(self, reminder_id: int, not_before: datetime) -> None:
        """Not sent yet, and safe to try again from `not_before` (after a rate limit or a refused connection).

        The sweep takes it for lost only QUEUE_LOST_AFTER past that time, so a long Retry-After is honoured.
        """
        self._move(reminder_id, ReminderState.QUEUED, ReminderState.SENDING, queued_at=not_before)

    def count_person(self, reminder_id: int, day: date) -> None:
        """Note that this occurrence took one of the person's reminders for `day`, so a retry takes no other."""
        with self.session_factory.begin() as session:
            session.execute(update(ReminderRow).where(ReminderRow.id == reminder_id).values(counted_on=day))

    def postpone(self, reminder_id: int, due_at: datetime) -> None:
        self._move(reminder_id, ReminderState.PENDING, ReminderState.SENDING, due_at=due_at, queued_at=None)

    def counts(self) -> dict[str, int]:
        with self.session_factory() as session:
            rows = session.execute(select(ReminderRow.state, func.count()).group_by(ReminderRow.state))
            return {state: count for state, count in rows}
