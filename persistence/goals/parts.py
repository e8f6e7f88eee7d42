"""The base of repositories for rows that hang off a goal."""

from sqlalchemy import select

from persistence.base import Scoped
from persistence.goals.tables import GoalRow


class GoalParts(Scoped):
    def goal_owner(self, goal_id: int) -> str | None:
        """Who owns a goal in this workspace: rows that hang off a goal carry it too."""
        return self.session.scalar(select(GoalRow.owner_id).where(self.mine(GoalRow), GoalRow.id == goal_id))
