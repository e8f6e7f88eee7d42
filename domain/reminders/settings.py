"""Use cases for a person's reminder preferences, and for snoozing a reminder."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.people.members import Member
from domain.reminders.engine import plan_for
from domain.reminders.kinds import Recipient, ReminderKinds
from domain.reminders.ports import RemindersUnitOfWork
from domain.reminders.preferences import Preferences, PreferencesForm, check_preferences
from domain.reminders.schedule import HolidayTest, public_holiday
from domain.shared.clock import Clock
from domain.shared.errors import DomainError


@dataclass(frozen=True)
class ReminderSettings:
    prefs: Preferences
    zone_name: str
    next_at: datetime | None  # the next check-in reminder, if one will come


def reminder_settings(
    uow: RemindersUnitOfWork, clock: Clock, member: Member, is_holiday: HolidayTest = public_holiday
) -> ReminderSettings:
    with uow:
        recipient = _recipient(uow, member, is_holiday)
    return _settings(recipient, clock.now())


def _recipient(uow: RemindersUnitOfWork, member: Member, is_holiday: HolidayTest) -> Recipient:
    return Recipient(member, uow.reminders.preferences(member.user_id) or Preferences(), is_holiday)


def _settings(recipient: Recipient, now: datetime) -> ReminderSettings:
    upcoming = recipient.next_regular(now)
    return ReminderSettings(recipient.prefs, recipient.zone.key, upcoming[1] if upcoming else None)


def save_reminder_settings(
    uow: RemindersUnitOfWork,
    clock: Clock,
    member: Member,
    form: PreferencesForm,
    kinds: ReminderKinds,
    is_holiday: HolidayTest = public_holiday,
) -> ReminderSettings:
    """Save the preferences, and plan the person's reminders of every kind again to match them."""
    now = clock.now()
    prefs = check_preferences(form, member.today(now))
    recipient = Recipient(member, prefs, is_holiday)
    with uow:
        uow.members.save(member)
        uow.reminders.save_preferences(member.user_id, prefs)
        uow.reminders.drop_planned(member.user_id)
        for kind in kinds:
            plan_for(uow, kind, recipient, now, now)
        uow.commit()
    return _settings(recipient, now)


SNOOZES = ("hour", "tomorrow")


def snooze(
    uow: RemindersUnitOfWork,
    clock: Clock,
    member: Member,
    reminder_id: int,
    choice: str,
    is_holiday: HolidayTest = public_holiday,
) -> datetime:
    """Ask again later, as the same kind of reminder: in an hour, or tomorrow at the usual time, within
    working time either way. Returns when, in the person's reminder time zone."""
    if choice not in SNOOZES:
        raise DomainError("Snooze for an hour, or until tomorrow.")
    now = clock.now()
    with uow:
        original = uow.reminders.occurrence(member.user_id, reminder_id)
        if original is None:
            raise DomainError("That reminder isn't one of yours, or it is gone.")
        recipient = _recipient(uow, member, is_holiday)
        if choice == "tomorrow":
            due = recipient.on_day(recipient.today(now) + timedelta(days=1))
        else:
            in_an_hour = now + timedelta(hours=1)
            due = recipient.working.next_slot(in_an_hour) or in_an_hour
        key = original.snooze_key()
        if not uow.reminders.plan(member.user_id, original.kind, key, due):
            uow.reminders.reschedule(member.user_id, original.kind, key, due)
        uow.commit()
    return due.astimezone(recipient.zone)
