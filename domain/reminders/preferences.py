"""Reminder preferences: how often, when, and within which working days and hours, in whose time zone."""

from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import holidays

from domain.shared.forms import FormCheck

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class Cadence(StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"
    OFF = "off"

    @property
    def label(self) -> str:
        return {"weekly": "Every week", "biweekly": "Every two weeks", "monthly": "Every month", "off": "Off"}[self]


@dataclass(frozen=True)
class Preferences:
    cadence: Cadence = Cadence.WEEKLY
    weekday: int = 0  # Monday; for monthly, the first such weekday of the month
    at: time = time(9, 0)
    working_days: frozenset[int] = field(default_factory=lambda: frozenset(range(5)))
    work_start: time = time(9, 0)
    work_end: time = time(18, 0)
    tz: str | None = None  # overrides Slack's time zone when set
    holiday_country: str | None = None  # ISO 3166 code; no reminder on its public holidays
    paused_until: date | None = None  # no reminder before this date
    off_kinds: frozenset[str] = frozenset()  # optional reminder kinds the person turned off, by name

    def zone(self, slack_tz: str | None) -> ZoneInfo:
        """The override if set, else Slack's zone, else UTC."""
        for name in (self.tz, slack_tz):
            if name:
                try:
                    return ZoneInfo(name)
                except (ZoneInfoNotFoundError, ValueError):
                    pass
        return ZoneInfo("UTC")


@dataclass(frozen=True)
class PreferencesForm:
    cadence: str | None = None
    weekday: str | None = None
    at: str | None = None  # "HH:MM", as Slack's time picker gives it
    working_days: list[str] | None = None
    work_start: str | None = None
    work_end: str | None = None
    tz: str | None = None
    holiday_country: str | None = None
    paused_until: str | None = None
    kinds_on: list[str] | None = None  # the optional kinds left on, of those offered; None when none were offered


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def is_time_zone(name: str) -> bool:
    return name in _time_zones()


def is_holiday_country(code: str) -> bool:
    return code in holidays.list_supported_countries()


def check_preferences(form: PreferencesForm, today: date) -> Preferences:
    check = FormCheck()
    cadence = check.choice("cadence", Cadence, form.cadence, "Choose how often to check in, or off.")
    weekday = _weekday(check, "weekday", form.weekday)
    at = _time(check, "at", form.at, "Pick the time of day for the reminder.")
    days = {_weekday(check, "working_days", day) for day in form.working_days or []}
    if not days:
        check.fail("working_days", "Pick at least one working day.")
    start = _time(check, "work_start", form.work_start, "Pick when your working day starts.")
    end = _time(check, "work_end", form.work_end, "Pick when your working day ends.")
    if start and end and end <= start:
        check.fail("work_end", "The working day must end after it starts.")
    tz = (form.tz or "").strip() or None
    if tz and not is_time_zone(tz):
        check.fail("tz", "Pick a time zone from the list, for example Europe/Berlin.")
    country = (form.holiday_country or "").strip().upper() or None
    if country and not is_holiday_country(country):
        check.fail("holiday_country", "Pick a country from the list, for example DE or IN.")
    paused_until = check.day("paused_until", form.paused_until, today, name="date") if form.paused_until else None
    check.done()
    return Preferences(cadence, weekday, at, frozenset(days), start, end, tz, country, paused_until)


def _weekday(check: FormCheck, field_name: str, raw: str | None) -> int | None:
    if raw in {str(n) for n in range(7)}:
        return int(raw)
    check.fail(field_name, "Pick a day of the week.")
    return None


def _time(check: FormCheck, field_name: str, raw: str | None, message: str) -> time | None:
    try:
        return time.fromisoformat(raw or "")
    except ValueError:
        check.fail(field_name, message)
        return None


def holiday_countries() -> list[tuple[str, str]]:
    """(ISO code, English name) of every country with a public-holiday calendar, by name."""
    from holidays.registry import COUNTRIES

    return sorted(
        ((entry[1], module.replace("_", " ").title()) for module, entry in COUNTRIES.items()), key=lambda pair: pair[1]
    )
