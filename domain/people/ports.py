"""What the member directory needs from storage and from the chat platform."""

from typing import Protocol

from domain.people.members import Member, Profile


class MemberRepository(Protocol):
    def get(self, user_id: str) -> Member | None: ...

    def many(self, user_ids: list[str]) -> dict[str, Member]:
        """The cached profiles of those people that have one."""
        ...

    def save(self, member: Member) -> None:
        """Insert or update the cached profile."""
        ...


class PeopleDirectory(Protocol):
    """Where profiles come from (Slack's users.info in production)."""

    def lookup(self, user_id: str) -> Profile:
        """Raises LookupFailed when the profile cannot be fetched."""
        ...
