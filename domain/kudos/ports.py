"""What kudos's use cases need from storage and from the chat platform. persistence/kudos/ implements the storage;
the Slack layer, the announcer and the directory (domain.people.candidates.Directory)."""

from datetime import date, datetime
from typing import Protocol

from domain.kudos.records import Kudos, NewKudos, Post
from domain.kudos.rules import Value
from domain.people.ports import MemberRepository
from domain.shared.errors import DomainError
from domain.shared.unit_of_work import UnitOfWork


class KudosRepository(Protocol):
    def take_allowance(self, giver_id: str, week: date, count: int, limit: int) -> int | None:
        """Atomically add `count` to what the giver used in `week`, only if the total stays within `limit`:
        the new total, or None when it would not fit (nothing changes then). Racing callers never overrun."""
        ...

    def used(self, giver_id: str, week: date) -> int:
        """How many kudos the giver used in `week` (0 when none)."""
        ...

    def refund(self, giver_id: str, week: date, count: int) -> None:
        """Give `count` back to the giver's allowance of `week` (never below 0)."""
        ...

    def add(self, kudos: NewKudos, view_id: str | None) -> Kudos:
        """Record a kudos and its recipients. `view_id` (a modal's) is unique in the workspace: a second kudos
        with the same one raises AlreadyDone."""
        ...

    def record_post(self, kudos_id: int, post: Post) -> bool:
        """Keep where the public post went; False when the kudos is gone (taken back while it was posted)."""
        ...

    def record_dms(self, kudos_id: int, dms: dict[str, Post]) -> bool:
        """Keep where each recipient's DM went, so that an undo can take them back; False when the kudos is gone
        (taken back while they were sent)."""
        ...

    def get(self, kudos_id: int) -> Kudos | None: ...

    def remove(self, kudos_id: int, giver_id: str, given_since: datetime) -> Kudos | None:
        """Delete the giver's kudos if it was given at or after `given_since`, atomically: the kudos deleted, or
        None when there was none to delete (another's, too old, or deleted already)."""
        ...

    def received(self, user_id: str, since: datetime) -> list[Kudos]:
        """Kudos `user_id` received since then, newest first."""
        ...

    def received_counts(self, user_ids: list[str], since: datetime) -> dict[str, int]:
        """How many kudos, public or private, each person received since then, in one query; none left out."""
        ...

    def given(self, giver_id: str, since: datetime) -> list[Kudos]:
        """Kudos `giver_id` gave since then, newest first."""
        ...


class KudosSettingsRepository(Protocol):
    def allowance(self) -> int | None:
        """The weekly allowance an admin set, or None for the default."""
        ...

    def set_allowance(self, allowance: int) -> None: ...

    def values(self) -> list[Value]:
        """The workspace's values, in the order they were written."""
        ...

    def set_values(self, values: list[Value]) -> None:
        """Replace the whole list."""
        ...


class KudosUnitOfWork(UnitOfWork, Protocol):
    kudos: KudosRepository
    kudos_settings: KudosSettingsRepository
    members: MemberRepository


class Announcer(Protocol):
    """Where a public kudos is posted, and taken back."""

    def announce(self, kudos: NewKudos) -> Post | None:
        """Post it in `kudos.channel`: where it went, or None when no answer came (it may be posted); raises
        CannotPost, saying what to do, when the platform refuses it."""
        ...

    def withdraw(self, post: Post) -> None:
        """Delete the post; a post gone already is no failure."""
        ...


class CannotPost(DomainError):
    """The chat platform would not take a public kudos in the chosen channel; the message says what to do."""

    def __init__(self, message: str):
        super().__init__(message, field="channel")
