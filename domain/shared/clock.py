"""Time comes through a port so that tests control it."""

from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that stands still until told to move; for tests and replays."""

    def __init__(self, instant: datetime):
        self.instant = instant

    def now(self) -> datetime:
        return self.instant
