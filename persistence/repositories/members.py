"""The member directory's cache, and each person's goal counter."""

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from domain.members import Member
from persistence.repositories.scoped import Scoped
from persistence.tables import MemberRow


class SqlMemberRepository(Scoped):
    def get(self, user_id: str) -> Member | None:
        row = self.session.scalar(select(MemberRow).where(self.mine(MemberRow), MemberRow.user_id == user_id))
        if row is None:
            return None
        return Member(row.user_id, row.display_name, row.tz, row.refreshed_at, row.is_admin)

    def save(self, member: Member) -> None:
        profile = {
            "display_name": member.display_name,
            "tz": member.tz,
            "refreshed_at": member.refreshed_at,
            "is_admin": member.is_admin,
        }
        if self._update(member.user_id, profile):
            return
        try:
            with self.session.begin_nested():
                self.session.execute(
                    insert(MemberRow).values(**self.keys(), user_id=member.user_id, goal_seq=0, **profile)
                )
        except IntegrityError:  # someone else inserted the row first: update it instead
            self._update(member.user_id, profile)

    def _update(self, user_id: str, profile: dict) -> int:
        statement = update(MemberRow).where(self.mine(MemberRow), MemberRow.user_id == user_id).values(**profile)
        return self.session.execute(statement).rowcount

    def next_goal_number(self, user_id: str) -> int:
        return self.session.execute(
            update(MemberRow)
            .where(self.mine(MemberRow), MemberRow.user_id == user_id)
            .values(goal_seq=MemberRow.goal_seq + 1)
            .returning(MemberRow.goal_seq)
        ).scalar_one()
