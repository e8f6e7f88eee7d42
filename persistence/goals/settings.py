"""The celebrations channel, and the once-only claim on a celebration post."""

from sqlalchemy import delete, insert, select, update

from persistence.base import Scoped
from persistence.goals.tables import CelebrationRow, WorkspaceSettingsRow


class SqlSettingsRepository(Scoped):
    def celebrations_channel(self) -> str | None:
        return self.session.scalar(
            select(WorkspaceSettingsRow.celebrations_channel).where(self.mine(WorkspaceSettingsRow))
        )

    def set_celebrations_channel(self, channel_id: str | None) -> None:
        values = {"celebrations_channel": channel_id}
        self.upsert(
            update(WorkspaceSettingsRow).where(self.mine(WorkspaceSettingsRow)).values(**values),
            insert(WorkspaceSettingsRow).values(**self.keys(), **values),
        )

    def claim_celebration(self, goal_id: int) -> bool:
        return self.claim(insert(CelebrationRow).values(**self.keys(), goal_id=goal_id))

    def release_celebration(self, goal_id: int) -> None:
        self.session.execute(delete(CelebrationRow).where(self.mine(CelebrationRow), CelebrationRow.goal_id == goal_id))
