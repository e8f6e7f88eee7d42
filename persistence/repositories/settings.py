"""Workspace settings, and the once-only claim on a celebration post."""

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from persistence.repositories.scoped import Scoped
from persistence.tables import CelebrationRow, WorkspaceSettingsRow


class SqlSettingsRepository(Scoped):
    def celebrations_channel(self) -> str | None:
        return self.session.scalar(
            select(WorkspaceSettingsRow.celebrations_channel).where(self.mine(WorkspaceSettingsRow))
        )

    def set_celebrations_channel(self, channel_id: str | None) -> None:
        values = {"celebrations_channel": channel_id}
        statement = update(WorkspaceSettingsRow).where(self.mine(WorkspaceSettingsRow)).values(**values)
        if self.session.execute(statement).rowcount:
            return
        try:
            with self.session.begin_nested():
                self.session.execute(insert(WorkspaceSettingsRow).values(**self.keys(), **values))
        except IntegrityError:  # set at the same moment by someone else: ours is the later word
            self.session.execute(statement)

    def claim_celebration(self, goal_id: int) -> bool:
        try:
            with self.session.begin_nested():
                self.session.execute(insert(CelebrationRow).values(**self.keys(), goal_id=goal_id))
            return True
        except IntegrityError:
            return False

    def release_celebration(self, goal_id: int) -> None:
        self.session.execute(delete(CelebrationRow).where(self.mine(CelebrationRow), CelebrationRow.goal_id == goal_id))
