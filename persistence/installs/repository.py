"""Each workspace's install state: an uninstalled workspace gets no more reminders, and its data is erased once
its grace period ends. An org-wide install's row (an empty team id) covers every workspace of the org but those
with an install of their own (a bot of their own in slack_bots); a workspace's own row says it was uninstalled, or
taken out of its org's install, or that it is installed again."""

from datetime import datetime

from sqlalchemy import delete, exists, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, aliased, sessionmaker

from domain.reminders.model import ReminderState
from domain.shared.workspace import WorkspaceKey
from persistence.base import all_tables
from persistence.installs.tables import SLACK_BOTS, WorkspaceInstallRow
from persistence.people.tables import MemberRow
from persistence.reminders.tables import ReminderRow

NOT_YET_SENT = (ReminderState.PENDING.value, ReminderState.QUEUED.value)
Install = WorkspaceInstallRow


def _org_wide(workspace: WorkspaceKey) -> bool:
    return bool(workspace.enterprise_id) and not workspace.team_id


def _own_install(columns):
    """The workspace has a bot of its own, installed for it alone, not its org's."""
    bots = SLACK_BOTS.c
    return exists().where(bots.enterprise_id == columns.enterprise_id, bots.team_id == columns.team_id)


def _covers(columns, workspace: WorkspaceKey):
    """The rows of `workspace`; for an org-wide install's key, of every workspace in the org but those with an
    install of their own."""
    if not _org_wide(workspace):
        return (columns.enterprise_id == workspace.enterprise_id) & (columns.team_id == workspace.team_id)
    return (columns.enterprise_id == workspace.enterprise_id) & ~_own_install(columns)


def _uninstalled(columns):
    """A workspace uninstalled (or taken out of its org's install) itself, or whose org's install is gone and
    which has none of its own."""
    gone, its = aliased(Install), aliased(Install)
    itself = (its.enterprise_id == columns.enterprise_id) & (its.team_id == columns.team_id)
    org = (gone.enterprise_id == columns.enterprise_id) & (gone.team_id == "") & (columns.enterprise_id != "")
    return exists().where(itself, its.uninstalled_at.is_not(None)) | (
        exists().where(org, gone.uninstalled_at.is_not(None)) & ~_own_install(columns)
    )


def _upsert(session: Session, workspace: WorkspaceKey, **state) -> None:
    """Set a workspace's install state, also when Slack's events about it race each other."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    key = {"enterprise_id": workspace.enterprise_id, "team_id": workspace.team_id}
    insert = dialect.insert(Install).values(**key, **state)
    session.execute(insert.on_conflict_do_update(index_elements=list(key), set_=state))


class Installs:
    def __init__(self, sessions: sessionmaker[Session]):
        self.sessions = sessions

    def installed(self, workspace: WorkspaceKey, at: datetime) -> None:
        """Installed (again): nothing of it is erased. (Workspaces an org took out of its install stay out until
        it grants them access again.)"""
        with self.sessions.begin() as session:
            _upsert(session, workspace, installed_at=at, uninstalled_at=None, erase_at=None)

    def granted(self, enterprise_id: str, team_ids: list[str]) -> None:
        """An org gave its install access to these workspaces again: its install covers them."""
        with self.sessions.begin() as session:
            session.execute(
                delete(Install).where(Install.enterprise_id == enterprise_id, Install.team_id.in_(team_ids))
            )

    def uninstalled(self, workspace: WorkspaceKey, at: datetime, erase_at: datetime, happened: datetime) -> int | None:
        """No more reminders from now; returns how many waiting ones were cancelled, or None when Slack's word came
        from before the workspace was installed again (a late retry), which changes nothing."""
        with self.sessions.begin() as session:
            installed_at = session.scalar(
                select(Install.installed_at).filter_by(enterprise_id=workspace.enterprise_id, team_id=workspace.team_id)
            )
            if installed_at is not None and installed_at > happened:
                return None
            _upsert(session, workspace, uninstalled_at=at, erase_at=erase_at)
            cancelled = session.execute(
                update(ReminderRow)
                .where(_covers(ReminderRow, workspace), ReminderRow.state.in_(NOT_YET_SENT))
                .values(state=ReminderState.SKIPPED.value, detail="uninstalled")
            )
            return cancelled.rowcount

    def uninstall_covering(self, workspace: WorkspaceKey) -> WorkspaceKey | None:
        """The key of the uninstall that covers `workspace`, if one does: its own, or its org's."""
        key = select(
            literal(workspace.enterprise_id).label("enterprise_id"), literal(workspace.team_id).label("team_id")
        )
        columns = key.subquery().c
        itself = exists().where(
            Install.enterprise_id == workspace.enterprise_id,
            Install.team_id == workspace.team_id,
            Install.uninstalled_at.is_not(None),
        )
        with self.sessions() as session:
            if session.scalar(select(itself)):
                return workspace
            if workspace.enterprise_id and session.scalar(select(_uninstalled(columns))):
                return WorkspaceKey(workspace.enterprise_id, "")
        return None

    def uninstalled_keys(self) -> set[WorkspaceKey]:
        with self.sessions() as session:
            rows = session.execute(
                select(Install.enterprise_id, Install.team_id).where(Install.uninstalled_at.is_not(None))
            )
            return {WorkspaceKey(e, t) for e, t in rows}

    def active_workspaces(self) -> list[WorkspaceKey]:
        """Every workspace Trellis has met someone in and is still installed in."""
        with self.sessions() as session:
            rows = session.execute(
                select(MemberRow.enterprise_id, MemberRow.team_id).distinct().where(~_uninstalled(MemberRow))
            )
            return [WorkspaceKey(e, t) for e, t in rows]

    def due_for_erasure(self, now: datetime) -> list[WorkspaceKey]:
        with self.sessions() as session:
            rows = session.execute(
                select(Install.enterprise_id, Install.team_id).where(
                    Install.uninstalled_at.is_not(None), Install.erase_at <= now
                )
            )
            return [WorkspaceKey(e, t) for e, t in rows]

    def erase(self, workspace: WorkspaceKey, now: datetime) -> dict[str, int] | None:
        """Delete every row of an uninstalled workspace whose grace period is over, in one transaction: the
        rows deleted by table, or None when it was installed again or another worker erased it first."""
        with self.sessions.begin() as session:
            claimed = session.execute(
                delete(Install).where(
                    Install.enterprise_id == workspace.enterprise_id,
                    Install.team_id == workspace.team_id,
                    Install.uninstalled_at.is_not(None),
                    Install.erase_at <= now,
                )
            )
            if not claimed.rowcount:
                return None
            erased = {}
            for table in reversed(all_tables().sorted_tables):  # children before the rows they refer to
                if table.name == Install.__tablename__ or table.name.startswith("slack_"):
                    continue
                if {"enterprise_id", "team_id"} <= set(table.c.keys()):
                    count = session.execute(delete(table).where(_covers(table.c, workspace))).rowcount
                    if count:
                        erased[table.name] = count
            return erased
