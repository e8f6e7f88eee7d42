"""A link between a manager and a report, and how it was made."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class LinkState(StrEnum):
    PENDING = "pending"  # asked, not yet confirmed: grants nothing
    CONFIRMED = "confirmed"


@dataclass(frozen=True)
class Link:
    id: int
    manager_id: str
    report_id: str
    state: LinkState
    asked_by: str  # the report, the manager, or the admin who imported it
    created_at: datetime
    confirmed_at: datetime | None = None
    imported: bool = False  # made by a workspace admin's CSV import: confirmed at once

    @property
    def confirmed(self) -> bool:
        return self.state is LinkState.CONFIRMED

    @property
    def awaits(self) -> str:
        """Who must accept a pending link: whichever of the two did not ask."""
        return self.manager_id if self.asked_by == self.report_id else self.report_id

    def other(self, user_id: str) -> str:
        """The other side of the link from `user_id`'s."""
        return self.report_id if user_id == self.manager_id else self.manager_id

    def involves(self, user_id: str) -> bool:
        return user_id in (self.manager_id, self.report_id)
