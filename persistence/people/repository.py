"""The member directory's cache."""

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from domain.people.members import Member
from domain.shared.workspace import WorkspaceKey
from persistence.base import Scoped
from persistence.people.tables import MemberRow


class SqlMemberRepository(Scoped):
    def get(self, user_id: str) -> Member | None:
        return self.many([user_id]).get(user_id)

    def many(self, user_ids: list[str]) -> dict[str, Member]:
        rows = self.session.scalars(select(MemberRow).where(self.mine(MemberRow), MemberRow.user_id.in_(user_ids)))
        return {row.user_id: _member(row) for row in rows}

    def save(self, member: Member) -> None:
        profile = {
            "display_name": member.display_name,
            "tz": member.tz,
            "refreshed_at": member.refreshed_at,
            "is_admin": member.is_admin,
        }
        self.upsert(
            update(MemberRow).where(self.mine(MemberRow), MemberRow.user_id == member.user_id).values(**profile),
            insert(MemberRow).values(**self.keys(), user_id=member.user_id, **profile),
        )


def _member(row: MemberRow) -> Member:
    return Member(row.user_id, row.display_name, row.tz, row.refreshed_at, row.is_admin)


def known_workspaces(session_factory: sessionmaker[Session]) -> list[WorkspaceKey]:
    """Every workspace Trellis has met someone in: the one query that reads across workspaces here."""
    with session_factory() as session:
        rows = session.execute(select(MemberRow.enterprise_id, MemberRow.team_id).distinct())
        return [WorkspaceKey(e, t) for e, t in rows]
