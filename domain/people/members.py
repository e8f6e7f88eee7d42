"""The member directory: each person's display name and IANA time zone, cached from the chat platform."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from domain.shared.errors import DomainError

PROFILE_FRESH_FOR = timedelta(hours=24)
DEFAULT_TZ = "UTC"


@dataclass(frozen=True)
class Profile:
    display_name: str
    tz: str
    is_admin: bool = False


@dataclass(frozen=True)
class Member:
    user_id: str
    display_name: str
    tz: str
    refreshed_at: datetime | None
    is_admin: bool = False  # a workspace admin or owner, who may change workspace settings

    @property
    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.tz)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo(DEFAULT_TZ)

    def today(self, now: datetime) -> date:
        """The calendar date where this person is."""
        return now.astimezone(self.zone).date()

    def is_stale(self, now: datetime) -> bool:
        return self.refreshed_at is None or now - self.refreshed_at > PROFILE_FRESH_FOR

    @classmethod
    def unknown(cls, user_id: str) -> "Member":
        return cls(user_id, user_id, DEFAULT_TZ, None)


def admin_only(member: Member, what: str) -> None:
    """Workspace settings are changed by the chat platform's admins and owners only."""
    if not member.is_admin:
        raise DomainError(f"Only a workspace admin or owner can {what}.")
