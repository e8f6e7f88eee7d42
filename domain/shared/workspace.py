"""Who a row belongs to: a workspace, keyed by Enterprise Grid id (empty outside Grid) and team id."""

from dataclasses import dataclass


@dataclass(frozen=True)
class WorkspaceKey:
    enterprise_id: str
    team_id: str

    @classmethod
    def of(cls, enterprise_id: str | None, team_id: str | None) -> "WorkspaceKey":
        return cls(enterprise_id or "", team_id or "")

    @property
    def label(self) -> str:
        """For a log line: the team id, after its org's id in Enterprise Grid (`*` for a whole org)."""
        return f"{self.enterprise_id}/{self.team_id or '*'}" if self.enterprise_id else self.team_id
