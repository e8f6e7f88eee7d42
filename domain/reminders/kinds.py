"""The seam between the reminder engine and the capabilities that remind people of things.

A kind says who may be due, when each occurrence falls, and what it says when it is sent; the engine plans,
claims, rate-limits, sends and snoozes every kind the same way. A capability registers its kinds at start-up
(see slackapp.bootstrap), and the engine is never edited for a new one.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from domain.people.members import Member
from domain.reminders.preferences import Preferences
from domain.reminders.schedule import HolidayTest, WorkingTime, at_local, checked_in_this_period, next_checkin

KIND_NAME_MAX = 16  # stored with every occurrence


@dataclass(frozen=True)
class Recipient:
    """A person as reminders see them: their profile, preferences, zone and working time."""

    member: Member
    prefs: Preferences
    is_holiday: HolidayTest

    @property
    def user_id(self) -> str:
        return self.member.user_id

    @property
    def zone(self) -> ZoneInfo:
        return self.prefs.zone(self.member.tz)

    @property
    def working(self) -> WorkingTime:
        return WorkingTime(self.prefs, self.zone, self.is_holiday)

    def today(self, now: datetime) -> date:
        return now.astimezone(self.zone).date()

    def next_regular(self, after: datetime) -> tuple[str, datetime] | None:
        """The next reminder by the person's cadence at or after `after`: its period's key, and when."""
        return next_checkin(self.prefs, self.zone, after, self.is_holiday)

    def in_this_period(self, instant: datetime | None, now: datetime) -> bool:
        """Did `instant` fall in the person's current cadence period (in their zone)?"""
        return checked_in_this_period(self.prefs.cadence, self.zone, instant, now)

    def on_day(self, day: date) -> datetime:
        """`day` at the person's reminder time, moved to their next working moment when that is off."""
        wished = at_local(day, self.prefs.at, self.zone)
        return self.working.next_slot(wished) or wished

    def slot_today(self, now: datetime) -> datetime | None:
        """Today's moment for a reminder: the person's reminder time, or now if later, moved into working time;
        None when there is no such moment left today."""
        today = self.today(now)
        slot = self.working.next_slot(max(at_local(today, self.prefs.at, self.zone), now))
        return slot if slot is not None and slot.astimezone(self.zone).date() == today else None


class ReminderKind(Protocol):
    """`uow` is a unit of work with the parts the kind reads; it is open when the engine calls a kind."""

    name: str  # stored with each occurrence, at most KIND_NAME_MAX characters; never rename a kind in use
    # Optional `moves = True`: an occurrence planned again at another time is moved there while still pending
    # (feedback nudges follow an extended deadline). Without it, an occurrence keeps its first time.
    # Optional `snoozes = False`: its reminders offer no snooze (a nudge that may come twice at most, a summary).
    # Optional `optional = "label"`: the person may turn the kind off in their reminder settings, which name it so;
    # the engine then plans and sends none of it for them (Preferences.off_kinds).

    def audience(self, uow: Any) -> Iterable[str]:
        """The people in this workspace the kind may remind."""
        ...

    def plan(self, uow: Any, recipient: Recipient, now: datetime, after: datetime) -> Iterable[tuple[str, datetime]]:
        """The occurrences to plan for one person from `after` on: (key, when). Keys already planned are kept."""
        ...

    def content(self, uow: Any, recipient: Recipient, key: str, now: datetime) -> object | None:
        """What the occurrence `key` says, worked out as it is sent; None (or empty) when it became needless."""
        ...


class ReminderKinds:
    """The registered kinds, by name."""

    def __init__(self, kinds: Iterable[ReminderKind] = ()):
        self._kinds: dict[str, ReminderKind] = {}
        for kind in kinds:
            self.register(kind)

    def register(self, kind: ReminderKind) -> None:
        if not kind.name or len(kind.name) > KIND_NAME_MAX:
            raise ValueError(f"a reminder kind's name has 1 to {KIND_NAME_MAX} characters: {kind.name!r}")
        if kind.name in self._kinds:
            raise ValueError(f"a reminder kind named {kind.name!r} is registered already")
        self._kinds[kind.name] = kind

    def get(self, name: str) -> ReminderKind | None:
        return self._kinds.get(name)

    def __iter__(self) -> Iterator[ReminderKind]:
        return iter(self._kinds.values())
