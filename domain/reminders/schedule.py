"""When a reminder may go out: the next check-in time, in the person's zone, moved into working time.

All instants handed in and out are timezone-aware; the arithmetic happens on local calendar days, so a
reminder set for 09:00 stays at 09:00 across daylight-saving changes in either hemisphere.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from domain.reminders.preferences import Cadence, Preferences

EPOCH_MONDAY = date(2024, 1, 1)  # fortnights are counted from here, so "every two weeks" is stable
SEARCH_DAYS = 400  # a working slot is always found within this many days, or the person has none

HolidayTest = Callable[[str, date], bool]


def public_holiday(country: str, day: date) -> bool:
    """Is `day` a public holiday in `country` (ISO 3166 code)?"""
    return day in _calendar(country, day.year)


@lru_cache(maxsize=512)
def _calendar(country: str, year: int):
    return holidays.country_holidays(country, years=year)  # building one takes milliseconds: keep it


def at_local(day: date, at: time, zone: ZoneInfo) -> datetime:
    """`day` at wall-clock time `at` in `zone`, as a UTC instant.

    A time that does not exist (the hour skipped when clocks go forward) moves forward by the gap;
    a time that happens twice (when clocks go back) means the first one.
    """
    # With fold=0, zoneinfo reads a skipped time with the offset from before the change, which lands it
    # the length of the gap later, and reads a repeated time as its first occurrence.
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


@dataclass(frozen=True)
class WorkingTime:
    prefs: Preferences
    zone: ZoneInfo
    is_holiday: HolidayTest = public_holiday

    def is_working_day(self, day: date) -> bool:
        if day.weekday() not in self.prefs.working_days:
            return False
        if self.prefs.paused_until and day < self.prefs.paused_until:
            return False
        country = self.prefs.holiday_country
        return not (country and self.is_holiday(country, day))

    def next_slot(self, instant: datetime) -> datetime | None:
        """The first moment at or after `instant` inside working hours on a working day; None if there is none."""
        local = instant.astimezone(self.zone)
        day = local.date()
        for _ in range(SEARCH_DAYS):
            if self.is_working_day(day):
                start, end = (
                    at_local(day, self.prefs.work_start, self.zone),
                    at_local(day, self.prefs.work_end, self.zone),
                )
                if instant < start:
                    return start
                if instant < end:
                    return instant
            day += timedelta(days=1)
        return None


def fortnight(day: date) -> int:
    return (day - EPOCH_MONDAY).days // 14


def period_start(cadence: Cadence, day: date) -> date:
    """The first day of the check-in period that `day` falls in."""
    monday = day - timedelta(days=day.weekday())
    if cadence is Cadence.BIWEEKLY:
        return EPOCH_MONDAY + timedelta(days=14 * fortnight(day))
    if cadence is Cadence.MONTHLY:
        return day.replace(day=1)
    return monday


def period_key(cadence: Cadence, day: date) -> str:
    """A name for the period `day` falls in, unique per cadence: part of a reminder's occurrence key."""
    start = period_start(cadence, day)
    if cadence is Cadence.MONTHLY:
        return f"{start:%Y-%m}"
    year, week, _ = start.isocalendar()
    return f"{year}-W{week:02d}" if cadence is Cadence.WEEKLY else f"F{fortnight(start)}"


def _reminder_day(cadence: Cadence, weekday: int, start: date) -> date:
    """The day within the period starting `start` when the reminder is due."""
    if cadence is Cadence.MONTHLY:
        return start + timedelta(days=(weekday - start.weekday()) % 7)  # the month's first such weekday
    return start + timedelta(days=weekday)  # weekly and fortnightly periods start on a Monday


def _next_period(cadence: Cadence, start: date) -> date:
    if cadence is Cadence.MONTHLY:
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start + timedelta(days=14 if cadence is Cadence.BIWEEKLY else 7)


def next_checkin(
    prefs: Preferences, zone: ZoneInfo, after: datetime, is_holiday: HolidayTest = public_holiday
) -> tuple[str, datetime] | None:
    """The next check-in reminder at or after `after`: the key of the period it goes out in, and when.

    The wished-for time is moved to the next working slot when it falls outside working hours, on a day
    off, a public holiday, or before `paused_until`. None when reminders are off or no slot exists.
    """
    if prefs.cadence is Cadence.OFF:
        return None
    working = WorkingTime(prefs, zone, is_holiday)
    start = period_start(prefs.cadence, after.astimezone(zone).date())
    for _ in range(60):
        wished = at_local(_reminder_day(prefs.cadence, prefs.weekday, start), prefs.at, zone)
        slot = working.next_slot(wished)
        if slot is not None and slot >= after:  # keyed by the period it is sent in: one reminder a period
            return period_key(prefs.cadence, slot.astimezone(zone).date()), slot
        start = _next_period(prefs.cadence, start)
    return None


def checked_in_this_period(cadence: Cadence, zone: ZoneInfo, last_checkin: datetime | None, now: datetime) -> bool:
    """Has the person checked in since their current period began (in their own zone)?"""
    if last_checkin is None:
        return False
    today = now.astimezone(zone).date()
    return last_checkin.astimezone(zone).date() >= period_start(cadence, today)
