"""What the profiles use cases need from storage. persistence/profiles/ implements the profiles, the skill catalogue,
mentorships and growth chats; a person's manager and their active goals' skills are read through the teams' and the
goals' repositories, which a profiles unit of work also holds (these ports name only the methods used)."""

from datetime import datetime
from typing import Protocol

from domain.profiles.chats import Pair
from domain.profiles.matching import Teacher
from domain.profiles.records import ChatPair, Mentorship, Profile
from domain.shared.skills import Skill
from domain.shared.unit_of_work import UnitOfWork


class ProfileRepository(Protocol):
    def get(self, user_id: str, *, for_update: bool = False) -> Profile | None:
        """The person's profile; `for_update` locks its row until the unit of work ends (PostgreSQL)."""
        ...

    def save(self, profile: Profile, at: datetime) -> None:
        """Insert or replace the profile, its skills and interests (in their order); `mentees` is kept as stored,
        and `updated_at` becomes `at`."""
        ...

    def visible_teachers(self, keys: frozenset[str]) -> list[Teacher]:
        """People whose profile is visible to everyone and who have a free mentoring place (mentees < capacity),
        who teach any of `keys`; each Teacher's `teaches` holds only those of `keys`, and `team` is None (the use
        case fills it in)."""
        ...

    def teaching_counts(self, keys: frozenset[str]) -> tuple[dict[str, int], int]:
        """For rarity: how many people with a profile visible to everyone teach each of `keys`, and how many such
        people teach anything at all."""
        ...

    def chat_people(self) -> dict[str, dict[str, str]]:
        """People opted in to growth chats whose profile is visible to everyone: what each shares (interests,
        skills to learn and to teach), as key → name."""
        ...

    def set_chats(self, user_id: str, on: bool, at: datetime) -> None:
        """Opt in or out of growth chats; a person with no profile yet gets an empty one (visible to only them)."""
        ...

    def take_mentee(self, mentor_id: str) -> bool:
        """`UPDATE … SET mentees = mentees + 1 WHERE mentees < capacity`: False when the mentor has no free place
        (or no profile), so two racing accepts never overfill them."""
        ...

    def release_mentee(self, mentor_id: str) -> None:
        """One mentee fewer (never below 0)."""
        ...


class SkillCatalogue(Protocol):
    def search(self, text: str, limit: int) -> list[Skill]:
        """The workspace's skills whose key contains `skill_key(text)`, those whose key starts with it first, then by
        name; every skill, by name, when `text` is empty. At most `limit`."""
        ...

    def add(self, skills: list[Skill], by: str, at: datetime) -> None:
        """Add those not in the catalogue yet (by key); a skill added by someone else at the same moment is kept."""
        ...


class MentorshipRepository(Protocol):
    def ask(
        self, mentor_id: str, mentee_id: str, note: str, skills: tuple[str, ...], at: datetime
    ) -> Mentorship | None:
        """A new pending request; None when the two have a pending or active mentorship already (a unique key holds
        this under any race)."""
        ...

    def get(self, mentorship_id: int) -> Mentorship | None: ...

    def open_between(self, mentor_id: str, mentee_id: str) -> Mentorship | None:
        """Their pending or active mentorship, with these two in these places."""
        ...

    def accept(self, mentorship_id: int, at: datetime) -> Mentorship | None:
        """Pending → active, once; None when it was no longer pending."""
        ...

    def decline(self, mentorship_id: int, at: datetime) -> Mentorship | None:
        """Pending → declined, once; None when it was no longer pending."""
        ...

    def end(self, mentorship_id: int, by: str, note: str, at: datetime) -> Mentorship | None:
        """Active → ended, once, with who ended it and their note; None when it was not active."""
        ...

    def of(self, user_id: str) -> list[Mentorship]:
        """Pending and active mentorships with this person on either side, oldest first."""
        ...

    def in_mentorships(self) -> list[str]:
        """Everyone in the workspace in at least one active mentorship, either side, by id."""
        ...

    def with_mentor(self, user_ids: list[str]) -> set[str]:
        """Those of `user_ids` who have an active mentor."""
        ...


class ChatRepository(Protocol):
    def round_started(self, round_key: str) -> bool:
        """Whether this round was claimed already in this workspace."""
        ...

    def claim_round(self, round_key: str, at: datetime) -> bool:
        """True for the one caller that starts this round in this workspace (a unique key), False for any other."""
        ...

    def add_pairs(self, round_key: str, pairs: list[Pair], names: dict[str, str], left_out: list[str], at: datetime):
        """Record a claimed round's pairs (each pair's `common` keys stored as names, through `names`) and who was
        left out of it."""
        ...

    def recent_pairs(self, since: datetime) -> set[frozenset[str]]:
        """The two people of every pair made at or after `since`."""
        ...

    def left_out_last(self, before: str) -> set[str]:
        """Who was left out of the latest round before the round `before` (round keys are ISO dates)."""
        ...

    def unsent(self) -> list[ChatPair]:
        """Pairs whose group DM is not sent yet, and not given up on (fewer than 5 tries), oldest first."""
        ...

    def mark_sent(self, pair_id: int, at: datetime) -> bool:
        """Claim the pair's group DM once: True for the one caller that set `sent_at`."""
        ...

    def release(self, pair_id: int) -> None:
        """Slack refused the group DM: `sent_at` back to NULL and one more try counted."""
        ...


class TeamLookup(Protocol):
    def manager_ids(self, user_ids: list[str]) -> dict[str, str]:
        """Each of `user_ids` that has a confirmed manager in Trellis → that manager's id."""
        ...


class GoalSkills(Protocol):
    def skills_of_active(self, owner_id: str) -> list[str]:
        """The skill names the person's active goals build, in the order of the goals."""
        ...


class ProfilesUnitOfWork(UnitOfWork, Protocol):
    profiles: ProfileRepository
    skills: SkillCatalogue
    mentorships: MentorshipRepository
    chats: ChatRepository
    links: TeamLookup  # the teams' link repository
    goals: GoalSkills  # the goals' repository
