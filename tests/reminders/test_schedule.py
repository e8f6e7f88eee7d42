"""When check-in reminders fall due: each person's own zone and working time, across DST in both hemispheres."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from domain.reminders.preferences import Cadence, Preferences, PreferencesForm, check_preferences
from domain.reminders.schedule import (
    WorkingTime,
    at_local,
    checked_in_this_period,
    next_checkin,
    period_key,
    public_holiday,
)
from domain.shared.errors import InvalidInput

SATURDAY = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
MONDAY_9 = Preferences(cadence=Cadence.WEEKLY, weekday=0, at=time(9, 0))


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_kolkata_and_los_angeles_each_get_theirs_at_nine_local():
    kolkata = next_checkin(MONDAY_9, ZoneInfo("Asia/Kolkata"), SATURDAY)
    los_angeles = next_checkin(MONDAY_9, ZoneInfo("America/Los_Angeles"), SATURDAY)

    assert kolkata == ("2026-W48", utc(2026, 11, 23, 3, 30))  # 09:00 at UTC+5:30
    assert los_angeles == ("2026-W48", utc(2026, 11, 23, 17, 0))  # 09:00 at UTC−8


@pytest.mark.parametrize(
    ("zone", "before", "after"),
    [
        # Berlin springs forward on Sun 28 Mar 2027: 09:00 is 08:00 UTC before, 07:00 UTC after
        ("Europe/Berlin", utc(2027, 3, 22, 8, 0), utc(2027, 3, 29, 7, 0)),
        # New York springs forward on Sun 14 Mar 2027
        ("America/New_York", utc(2027, 3, 8, 14, 0), utc(2027, 3, 15, 13, 0)),
        # Sydney falls back on Sun 4 Apr 2027 (southern autumn): 09:00 is 22:00 UTC, then 23:00 UTC
        ("Australia/Sydney", utc(2027, 3, 28, 22, 0), utc(2027, 4, 4, 23, 0)),
        # Santiago falls back on Sun 4 Apr 2027 too; Auckland goes forward on Sun 26 Sep 2027
        ("Pacific/Auckland", utc(2027, 9, 19, 21, 0), utc(2027, 9, 26, 20, 0)),
    ],
)
def test_nine_oclock_stays_nine_oclock_across_daylight_saving(zone, before, after):
    first = next_checkin(MONDAY_9, ZoneInfo(zone), before)
    second = next_checkin(MONDAY_9, ZoneInfo(zone), first[1] + (after - before) / 2)

    assert first[1] == before
    assert second[1] == after
    assert first[1].astimezone(ZoneInfo(zone)).time() == second[1].astimezone(ZoneInfo(zone)).time() == time(9)


def test_a_time_skipped_by_the_clocks_moves_forward_and_a_repeated_one_means_the_first():
    berlin = ZoneInfo("Europe/Berlin")
    assert at_local(date(2027, 3, 28), time(2, 30), berlin) == utc(2027, 3, 28, 1, 30)  # 03:30 CEST
    assert at_local(date(2027, 10, 31), time(2, 30), berlin) == utc(2027, 10, 31, 0, 30)  # the first 02:30


def test_a_wished_time_outside_working_hours_moves_to_the_next_working_slot():
    zone = ZoneInfo("Europe/Berlin")
    early = Preferences(weekday=0, at=time(7, 0), work_start=time(9, 30))
    late = Preferences(weekday=4, at=time(19, 0), work_end=time(18, 0))

    assert next_checkin(early, zone, SATURDAY)[1] == utc(2026, 11, 23, 8, 30)  # Monday 09:30
    key, slot = next_checkin(late, zone, SATURDAY)
    assert (key, slot) == ("2026-W48", utc(2026, 11, 23, 8, 0))  # last Friday's 19:00 → this Monday 09:00


def test_days_off_and_public_holidays_are_skipped():
    zone = ZoneInfo("Asia/Kolkata")
    tuesday = Preferences(weekday=1, at=time(9, 0), holiday_country="IN")
    saturday = Preferences(weekday=5, at=time(10, 0))

    # Tue 26 Jan 2027 is Republic Day in India: the reminder waits for Wednesday
    assert next_checkin(tuesday, zone, utc(2027, 1, 24))[1] == utc(2027, 1, 27, 3, 30)
    assert public_holiday("IN", date(2027, 1, 26)) and not public_holiday("DE", date(2027, 1, 26))
    assert next_checkin(saturday, zone, SATURDAY)[1] == utc(2026, 11, 23, 3, 30)  # Saturday is a day off


def test_nothing_before_the_pause_ends_and_nothing_at_all_when_off():
    zone = ZoneInfo("UTC")
    paused = Preferences(weekday=0, paused_until=date(2026, 12, 10))

    assert next_checkin(paused, zone, SATURDAY) == ("2026-W50", utc(2026, 12, 10, 9, 0))  # the day the pause ends
    assert next_checkin(Preferences(cadence=Cadence.OFF), zone, SATURDAY) is None
    assert WorkingTime(Preferences(working_days=frozenset()), zone).next_slot(SATURDAY) is None


def test_fortnightly_and_monthly_reminders():
    zone = ZoneInfo("UTC")
    fortnightly = Preferences(cadence=Cadence.BIWEEKLY, weekday=2, at=time(11, 0))
    monthly = Preferences(cadence=Cadence.MONTHLY, weekday=0, at=time(9, 0))

    first_key, first = next_checkin(fortnightly, zone, SATURDAY)
    second_key, second = next_checkin(fortnightly, zone, first + (first - first.replace(hour=0)))
    assert (second - first).days == 14 and first_key != second_key
    assert next_checkin(monthly, zone, SATURDAY) == ("2026-12", utc(2026, 12, 7, 9, 0))  # December's first Monday


def test_period_keys_name_one_period_each():
    assert period_key(Cadence.WEEKLY, date(2026, 11, 23)) == period_key(Cadence.WEEKLY, date(2026, 11, 29))
    assert period_key(Cadence.WEEKLY, date(2026, 11, 29)) != period_key(Cadence.WEEKLY, date(2026, 11, 30))
    assert period_key(Cadence.MONTHLY, date(2026, 11, 30)) == "2026-11"


def test_already_checked_in_this_period_means_no_reminder():
    kolkata = ZoneInfo("Asia/Kolkata")
    now = utc(2026, 11, 25, 12, 0)  # Wednesday

    assert checked_in_this_period(Cadence.WEEKLY, kolkata, utc(2026, 11, 23, 4, 0), now)
    assert not checked_in_this_period(Cadence.WEEKLY, kolkata, utc(2026, 11, 22, 12, 0), now)  # last week
    # 20:00 UTC on Sunday 22 Nov is already Monday 23 Nov in Kolkata: it counts for this week
    assert checked_in_this_period(Cadence.WEEKLY, kolkata, utc(2026, 11, 22, 20, 0), now)
    assert not checked_in_this_period(Cadence.WEEKLY, kolkata, None, now)


def test_preferences_are_checked_field_by_field():
    form = PreferencesForm(
        cadence="weekly",
        weekday="0",
        at="09:00",
        working_days=[],
        work_start="18:00",
        work_end="09:00",
        tz="Mars/Olympus",
        holiday_country="XX",
        paused_until="2026-01-01",
    )

    with pytest.raises(InvalidInput) as refused:
        check_preferences(form, date(2026, 11, 21))

    assert set(refused.value.errors) == {"working_days", "work_end", "tz", "holiday_country", "paused_until"}


def test_good_preferences_read_back_whole():
    form = PreferencesForm(
        cadence="biweekly",
        weekday="3",
        at="14:30",
        working_days=["0", "1", "2", "3"],
        work_start="08:00",
        work_end="16:00",
        tz="Asia/Kolkata",
        holiday_country="in",
    )

    prefs = check_preferences(form, date(2026, 11, 21))

    assert prefs == Preferences(
        Cadence.BIWEEKLY, 3, time(14, 30), frozenset({0, 1, 2, 3}), time(8), time(16), "Asia/Kolkata", "IN", None
    )
    assert prefs.zone("America/New_York") == ZoneInfo("Asia/Kolkata")
    assert Preferences().zone("America/New_York") == ZoneInfo("America/New_York")
    assert Preferences().zone(None) == ZoneInfo("UTC")
