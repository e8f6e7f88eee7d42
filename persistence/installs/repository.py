"""Each workspace's install state: an uninstalled workspace gets no more reminders, and its data is erased once
its grace period ends. A workspace of an org-wide install is covered by its org's row (an empty team id)."""

from datetime import datetime

from sqlalchemy import and_, delete, exists, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from domain.reminders.model import ReminderState
from domain.shared.workspace import WorkspaceKey
from persistence.base import all_tables
from persistence.installs.tables import WorkspaceInstallRow
from persistence.people.tables import MemberRow
from persistence.reminders.tables import ReminderRow

NOT_YET_SENT = (ReminderState.PENDING.value, ReminderState.QUEUED.value)


def _covers(row, workspace: WorkspaceKey):
    """The rows of `workspace`; of every workspace in the org when it is an org-wide install's key."""
    if workspace.enterprise_id and not workspace.team_id:
        return row.enterprise_id == workspace.enterprise_id
    return (row.enterprise_id == workspace.enterprise_id) & (row.team_id == workspace.team_id)


def _uninstalled(row):
    """A workspace whose install, or whose org's install, is gone."""
    gone = WorkspaceInstallRow
    return exists().where(
        gone.uninstalled_at.is_not(None),
        gone.enterprise_id == row.enterprise_id,
        or_(gone.team_id == row.team_id, and_(gone.team_id == "", row.enterprise_id != "")),
    )


class Installs:
    def __init__(self, sessions: sessionmaker[Session]):
        self.sessions = sessions

    def installed(self, workspace: WorkspaceKey, at: datetime) -> None:
        """Installed (again): whatever was waiting to be erased stays."""
        with self.sessions.begin() as session:
            session.execute(delete(WorkspaceInstallRow).where(_covers(WorkspaceInstallRow, workspace)))
            session.add(
                WorkspaceInstallRow(enterprise_id=workspace.enterprise_id, team_id=workspace.team_id, installed_at=at)
            )

    def uninstalled(self, workspace: WorkspaceKey, at: datetime, erase_at: datetime) -> int:
        """No more reminders from now; returns how many waiting ones were cancelled."""
        with self.sessions.begin() as session:
            key = {"enterprise_id": workspace.enterprise_id, "team_id": workspace.team_id}
            state = {"uninstalled_at": at, "erase_at": erase_at}
            if not session.execute(update(WorkspaceInstallRow).filter_by(**key).values(**state)).rowcount:
                session.add(WorkspaceInstallRow(**key, **state))
            cancelled = session.execute(
                update(ReminderRow)
                .where(_covers(ReminderRow, workspace), ReminderRow.state.in_(NOT_YET_SENT))
                .values(state=ReminderState.SKIPPED.value, detail="uninstalled")
            )
            return cancelled.rowcount

    def active_workspaces(self) -> list[WorkspaceKey]:
        """Every workspace Trellis has met someone in and is still installed in."""
        with self.sessions() as session:
            rows = session.execute(
                select(MemberRow.enterprise_id, MemberRow.team_id).distinct().where(~_uninstalled(MemberRow))
            )
            return [WorkspaceKey(e, t) for e, t in rows]

    def uninstalled_keys(self) -> set[WorkspaceKey]:
        with self.sessions() as session:
            gone = WorkspaceInstallRow
            rows = session.execute(select(gone.enterprise_id, gone.team_id).where(gone.uninstalled_at.is_not(None)))
            return {WorkspaceKey(e, t) for e, t in rows}

    def due_for_erasure(self, now: datetime) -> list[WorkspaceKey]:
        with self.sessions() as session:
            gone = WorkspaceInstallRow
            rows = session.execute(
                select(gone.enterprise_id, gone.team_id).where(gone.uninstalled_at.is_not(None), gone.erase_at <= now)
            )
            return [WorkspaceKey(e, t) for e, t in rows]

    def erase(self, workspace: WorkspaceKey, now: datetime) -> dict[str, int] | None:
        """Delete every row of an uninstalled workspace whose grace period is over, in one transaction: the
        rows deleted by table, or None when it was reinstalled or another worker erased it first."""
        gone = WorkspaceInstallRow
        with self.sessions.begin() as session:
            claimed = session.execute(
                delete(gone).where(
                    gone.enterprise_id == workspace.enterprise_id,
                    gone.team_id == workspace.team_id,
                    gone.uninstalled_at.is_not(None),
                    gone.erase_at <= now,
                )
            )
            if not claimed.rowcount:
                return None
            erased = {}
            for table in reversed(all_tables().sorted_tables):  # children before the rows they refer to
                if table.name == gone.__tablename__ or table.name.startswith("slack_"):
                    continue
                if {"enterprise_id", "team_id"} <= set(table.c.keys()):
                    count = session.execute(delete(table).where(_covers(table.c, workspace))).rowcount
                    if count:
                        erased[table.name] = count
            return erased
