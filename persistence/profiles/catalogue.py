"""The workspace's skill catalogue: searched as people type, grown as they save profiles and goals."""

from datetime import datetime

from sqlalchemy import case, func, select

from domain.shared.skills import Skill, skill_key
from persistence.base import Scoped
from persistence.profiles.tables import SkillRow


class SqlSkillCatalogue(Scoped):
    def search(self, text: str, limit: int) -> list[Skill]:
        """`LIKE` with `%` and `_` escaped, so what is typed is matched as written."""
        key = skill_key(text)
        query = select(SkillRow.key, SkillRow.name).where(self.mine(SkillRow))
        if key:
            starts = case((SkillRow.key.startswith(key, autoescape=True), 0), else_=1)
            query = query.where(SkillRow.key.contains(key, autoescape=True)).order_by(starts)
        query = query.order_by(func.lower(SkillRow.name), SkillRow.key).limit(limit)
        return [Skill(key, name) for key, name in self.session.execute(query)]

    def add(self, skills: list[Skill], by: str, at: datetime) -> None:
        """INSERT … ON CONFLICT DO NOTHING: a skill already there, or added at the same moment, keeps its name."""
        for skill in skills:
            row = {"key": skill.key, "name": skill.name, "created_by": by, "created_at": at}
            self.session.execute(self.insert_or_ignore(SkillRow, **row))
