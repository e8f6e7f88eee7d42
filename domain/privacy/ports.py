"""What privacy needs from storage: one repository that reads and erases everything about one person, in one
workspace, and the unit of work it runs in."""

from typing import Protocol

from domain.privacy.records import Erased, Holdings
from domain.shared.unit_of_work import UnitOfWork


class PrivacyRepository(Protocol):
    def holdings(self, user_id: str) -> Holdings:
        """Every stored record about `user_id` in this workspace, by kind."""
        ...

    def erase(self, user_id: str) -> Erased:
        """Delete every record about `user_id` in this workspace, and take their id out of what is kept (see
        domain.privacy.kinds); counts only what this call itself changed, so a repeat counts nothing."""
        ...


class PrivacyUnitOfWork(UnitOfWork, Protocol):
    privacy: PrivacyRepository
