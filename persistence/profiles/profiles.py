"""Growth profiles with their skills and interests, read for matching in a query or two, never one per person."""

from collections import defaultdict
from datetime import datetime

from sqlalchemy import delete, func, insert, select, update

from domain.profiles.matching import Teacher
from domain.profiles.records import Profile, Visibility
from domain.shared.skills import Skill
from persistence.base import Scoped
from persistence.profiles.tables import ProfileRow, ProfileSkillRow

_PROFILE = ProfileRow.__table__.columns
_EVERYONE = ProfileRow.visibility == Visibility.EVERYONE.value
_TEACH = ProfileSkillRow.kind == "teach"
_KINDS = {"learn": "learn", "teach": "teach", "interests": "interest"}  # Profile's field → the rows' kind
# a skill row's owner: their profile, in the same workspace
_OWNER = (
    (ProfileRow.enterprise_id == ProfileSkillRow.enterprise_id)
    & (ProfileRow.team_id == ProfileSkillRow.team_id)
    & (ProfileRow.user_id == ProfileSkillRow.user_id)
)


class SqlProfileRepository(Scoped):
    def _mine(self, user_id: str):
        return self.mine(ProfileRow), ProfileRow.user_id == user_id

    def _teachers(self, *columns):
        """Skills taught by people whose profile everyone sees, with their profile, in this workspace."""
        return select(*columns).join(ProfileRow, _OWNER).where(self.mine(ProfileSkillRow), _TEACH, _EVERYONE)

    def get(self, user_id: str, *, for_update: bool = False) -> Profile | None:
        query = select(*_PROFILE).where(*self._mine(user_id))
        row = self.session.execute(query.with_for_update() if for_update else query).first()
        if row is None:
            return None
        skills = select(ProfileSkillRow.kind, ProfileSkillRow.key, ProfileSkillRow.name).where(
            self.mine(ProfileSkillRow), ProfileSkillRow.user_id == user_id
        )
        kinds: dict[str, list[Skill]] = defaultdict(list)
        for kind, key, name in self.session.execute(skills.order_by(ProfileSkillRow.position, ProfileSkillRow.id)):
            kinds[kind].append(Skill(key, name))
        return Profile(
            user_id=row.user_id,
            visibility=Visibility(row.visibility),
            strengths=tuple(row.strengths),
            areas=tuple(row.areas),
            interests=tuple(kinds["interest"]),
            vision=row.vision,
            learn=tuple(kinds["learn"]),
            teach=tuple(kinds["teach"]),
            capacity=row.capacity,
            mentees=row.mentees,
            chats=row.chats,
            updated_at=row.updated_at,
        )

    def save(self, profile: Profile, at: datetime) -> None:
        """Upsert the row (its `mentees` untouched), then replace the person's skills and interests."""
        values = {
            "visibility": profile.visibility.value,
            "strengths": list(profile.strengths),
            "areas": list(profile.areas),
            "vision": profile.vision,
            "capacity": profile.capacity,
            "chats": profile.chats,
            "updated_at": at,
        }
        self.upsert(
            update(ProfileRow).where(*self._mine(profile.user_id)).values(**values),
            insert(ProfileRow).values(**self.keys(), user_id=profile.user_id, mentees=0, **values),
        )
        mine = (self.mine(ProfileSkillRow), ProfileSkillRow.user_id == profile.user_id)
        self.session.execute(delete(ProfileSkillRow).where(*mine))
        rows = [
            {**self.keys(), "user_id": profile.user_id, "kind": kind, "key": s.key, "name": s.name, "position": n}
            for field, kind in _KINDS.items()
            for n, s in enumerate(getattr(profile, field))
        ]
        if rows:
            self.session.execute(insert(ProfileSkillRow), rows)

    def visible_teachers(self, keys: frozenset[str]) -> list[Teacher]:
        if not keys:
            return []
        columns = (ProfileSkillRow.user_id, ProfileSkillRow.key, ProfileRow.capacity, ProfileRow.mentees)
        query = self._teachers(*columns).where(ProfileSkillRow.key.in_(keys), ProfileRow.mentees < ProfileRow.capacity)
        teaches: dict[str, set[str]] = defaultdict(set)
        places: dict[str, tuple[int, int]] = {}
        for user_id, key, capacity, mentees in self.session.execute(query.order_by(ProfileSkillRow.user_id)):
            teaches[user_id].add(key)
            places[user_id] = (capacity, mentees)
        return [Teacher(user_id, frozenset(teaches[user_id]), *places[user_id], team=None) for user_id in places]

    def teaching_counts(self, keys: frozenset[str]) -> tuple[dict[str, int], int]:
        counts: dict[str, int] = {key: 0 for key in keys}
        if keys:
            query = self._teachers(ProfileSkillRow.key, func.count()).where(ProfileSkillRow.key.in_(keys))
            counts.update((key, n) for key, n in self.session.execute(query.group_by(ProfileSkillRow.key)))
        # who teaches anything, from the index on (kind, user_id), joined to the profiles everyone sees
        teachers = select(ProfileSkillRow.user_id).distinct().where(self.mine(ProfileSkillRow), _TEACH).subquery()
        everyone = (
            select(func.count())
            .select_from(ProfileRow)
            .join(teachers, teachers.c.user_id == ProfileRow.user_id)
            .where(self.mine(ProfileRow), _EVERYONE)
        )
        return counts, self.session.scalar(everyone)

    def chat_people(self) -> dict[str, dict[str, str]]:
        """Everyone opted in and visible to everyone, also with nothing to share yet; interests first, then skills
        to learn, then to teach (a key's first name wins)."""
        query = (
            select(ProfileRow.user_id, ProfileSkillRow.key, ProfileSkillRow.name)
            .select_from(ProfileRow)
            .outerjoin(ProfileSkillRow, _OWNER)
            .where(self.mine(ProfileRow), ProfileRow.chats.is_(True), _EVERYONE)
            .order_by(ProfileRow.user_id, ProfileSkillRow.kind, ProfileSkillRow.position)
        )
        people: dict[str, dict[str, str]] = {}
        for user_id, key, name in self.session.execute(query):
            shares = people.setdefault(user_id, {})
            if key is not None:
                shares.setdefault(key, name)
        return people

    def set_chats(self, user_id: str, on: bool, at: datetime) -> None:
        """An existing profile keeps its `updated_at`; a new one is empty, visible to only its owner, and not saved."""
        empty = {
            "visibility": Visibility.ONLY_ME.value,
            "strengths": [],
            "areas": [],
            "vision": "",
            "capacity": 0,
            "mentees": 0,
            "updated_at": None,
        }
        self.upsert(
            update(ProfileRow).where(*self._mine(user_id)).values(chats=on),
            insert(ProfileRow).values(**self.keys(), user_id=user_id, chats=on, **empty),
        )

    def take_mentee(self, mentor_id: str) -> bool:
        statement = (
            update(ProfileRow)
            .where(*self._mine(mentor_id), ProfileRow.mentees < ProfileRow.capacity)
            .values(mentees=ProfileRow.mentees + 1)
        )
        return self.session.execute(statement).rowcount == 1

    def release_mentee(self, mentor_id: str) -> None:
        statement = (
            update(ProfileRow)
            .where(*self._mine(mentor_id), ProfileRow.mentees > 0)
            .values(mentees=ProfileRow.mentees - 1)
        )
        self.session.execute(statement)
