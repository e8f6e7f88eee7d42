"""Mentorships: asked once per pair at a time, then accepted, declined or ended once, by conditional updates."""

from datetime import datetime

from sqlalchemy import insert, or_, select, update

from domain.profiles.records import Mentorship, MentorshipState
from persistence.base import Scoped
from persistence.profiles.tables import MentorshipRow

_MENTORSHIP = MentorshipRow.__table__.columns  # read as plain rows: an UPDATE … RETURNING gives the same shape
_OPEN = MentorshipRow.state.in_([MentorshipState.PENDING.value, MentorshipState.ACTIVE.value])
_ACTIVE = MentorshipRow.state == MentorshipState.ACTIVE.value


class SqlMentorshipRepository(Scoped):
    def _mentorships(self, *where) -> list[Mentorship]:
        query = select(*_MENTORSHIP).where(self.mine(MentorshipRow), *where)
        return [
            _mentorship(row) for row in self.session.execute(query.order_by(MentorshipRow.asked_at, MentorshipRow.id))
        ]

    def _one(self, *where) -> Mentorship | None:
        return next(iter(self._mentorships(*where)), None)

    def _move(self, mentorship_id: int, state: MentorshipState, values: dict) -> Mentorship | None:
        """One conditional `UPDATE … WHERE state = … RETURNING`: of two racing clicks, the second finds it moved."""
        statement = (
            update(MentorshipRow)
            .where(self.mine(MentorshipRow), MentorshipRow.id == mentorship_id, MentorshipRow.state == state.value)
            .values(**values)
            .returning(*_MENTORSHIP)
        )
        row = self.session.execute(statement).first()
        return None if row is None else _mentorship(row)

    def ask(
        self, mentor_id: str, mentee_id: str, note: str, skills: tuple[str, ...], at: datetime
    ) -> Mentorship | None:
        values = {
            "mentor_id": mentor_id,
            "mentee_id": mentee_id,
            "state": MentorshipState.PENDING.value,
            "note": note,
            "skills": list(skills),
            "asked_at": at,
            "end_note": "",
            "open_pair": f"{mentor_id}:{mentee_id}",
        }
        if not self.claim(insert(MentorshipRow).values(**self.keys(), **values)):
            return None
        return self.open_between(mentor_id, mentee_id)

    def get(self, mentorship_id: int) -> Mentorship | None:
        return self._one(MentorshipRow.id == mentorship_id)

    def open_between(self, mentor_id: str, mentee_id: str) -> Mentorship | None:
        return self._one(MentorshipRow.open_pair == f"{mentor_id}:{mentee_id}")

    def accept(self, mentorship_id: int, at: datetime) -> Mentorship | None:
        return self._move(
            mentorship_id, MentorshipState.PENDING, {"state": MentorshipState.ACTIVE.value, "started_at": at}
        )

    def decline(self, mentorship_id: int, at: datetime) -> Mentorship | None:
        """Declined at `at`, kept as `ended_at` (with no `ended_by`)."""
        values = {"state": MentorshipState.DECLINED.value, "ended_at": at, "open_pair": None}
        return self._move(mentorship_id, MentorshipState.PENDING, values)

    def end(self, mentorship_id: int, by: str, note: str, at: datetime) -> Mentorship | None:
        values = {
            "state": MentorshipState.ENDED.value,
            "ended_at": at,
            "ended_by": by,
            "end_note": note,
            "open_pair": None,
        }
        return self._move(mentorship_id, MentorshipState.ACTIVE, values)

    def of(self, user_id: str) -> list[Mentorship]:
        return self._mentorships(_OPEN, or_(MentorshipRow.mentor_id == user_id, MentorshipRow.mentee_id == user_id))

    def in_mentorships(self) -> list[str]:
        query = select(MentorshipRow.mentor_id, MentorshipRow.mentee_id).where(self.mine(MentorshipRow), _ACTIVE)
        return sorted({user_id for pair in self.session.execute(query) for user_id in pair})

    def with_mentor(self, user_ids: list[str]) -> set[str]:
        if not user_ids:
            return set()
        query = select(MentorshipRow.mentee_id).where(
            self.mine(MentorshipRow), _ACTIVE, MentorshipRow.mentee_id.in_(user_ids)
        )
        return set(self.session.scalars(query))


def _mentorship(row) -> Mentorship:
    return Mentorship(
        id=row.id,
        mentor_id=row.mentor_id,
        mentee_id=row.mentee_id,
        state=MentorshipState(row.state),
        note=row.note,
        skills=tuple(row.skills),
        asked_at=row.asked_at,
        started_at=row.started_at,
        ended_at=row.ended_at,
        ended_by=row.ended_by,
        end_note=row.end_note,
    )
