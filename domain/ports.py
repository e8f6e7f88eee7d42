"""What the use cases need from the outside world. persistence/ implements these."""

from collections.abc import Callable
from datetime import date, datetime
from typing import Protocol

from domain.goals import Goal, GoalSpec
from domain.members import Member
from domain.workspace import WorkspaceKey


class GoalRepository(Protocol):
    def add(
        self, owner_id: str, number: int, spec: GoalSpec, starts_on: date, created_at: datetime, source_key: str | None
    ) -> Goal:
        """Raises AlreadyExists when `source_key` was saved before."""
        ...

    def owned_by(self, owner_id: str) -> list[Goal]:
        """The owner's goals, by number."""
        ...

    def by_source_key(self, source_key: str) -> Goal | None: ...


class MemberRepository(Protocol):
    def get(self, user_id: str) -> Member | None: ...

    def save(self, member: Member) -> None:
        """Insert or update the cached profile."""
        ...

    def next_goal_number(self, user_id: str) -> int:
        """Atomically take the person's next goal number (1, 2, …)."""
        ...


class UnitOfWork(Protocol):
    """One transaction in one workspace. Rolls back on exit unless committed."""

    goals: GoalRepository
    members: MemberRepository

    def __enter__(self) -> "UnitOfWork": ...

    def __exit__(self, *exc) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


UnitOfWorkFactory = Callable[[WorkspaceKey], UnitOfWork]
