"""The base of every repository: a session and the one workspace it may touch."""

from sqlalchemy.orm import Session

from domain.workspace import WorkspaceKey
from persistence.tables import WorkspaceScoped


class Scoped:
    def __init__(self, session: Session, workspace: WorkspaceKey):
        self.session = session
        self.workspace = workspace

    def mine(self, row: type[WorkspaceScoped]):
        """The WHERE clause that keeps a query inside this workspace."""
        return (row.enterprise_id == self.workspace.enterprise_id) & (row.team_id == self.workspace.team_id)

    def keys(self) -> dict[str, str]:
        return {"enterprise_id": self.workspace.enterprise_id, "team_id": self.workspace.team_id}
