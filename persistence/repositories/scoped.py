"""The base of every repository: a session and the one workspace it may touch."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.workspace import WorkspaceKey
from persistence.tables import GoalRow, WorkspaceScoped


class Scoped:
    def __init__(self, session: Session, workspace: WorkspaceKey):
        self.session = session
        self.workspace = workspace

    def mine(self, row: type[WorkspaceScoped]):
        """The WHERE clause that keeps a query inside this workspace."""
        return (row.enterprise_id == self.workspace.enterprise_id) & (row.team_id == self.workspace.team_id)

    def keys(self) -> dict[str, str]:
        return {"enterprise_id": self.workspace.enterprise_id, "team_id": self.workspace.team_id}

    def goal_owner(self, goal_id: int) -> str | None:
        """Who owns a goal in this workspace: rows that hang off a goal carry it too."""
        return self.session.scalar(select(GoalRow.owner_id).where(self.mine(GoalRow), GoalRow.id == goal_id))
