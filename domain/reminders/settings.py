"""Use cases for a person's reminder preferences, and for snoozing a reminder."""

from dataclasses import dataclass, field, replace
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
    optional: dict[str, str] = field(default_factory=dict)  # kinds the person may turn off, by name: their labels


def reminder_settings(
    uow: RemindersUnitOfWork,
    clock: Clock,
    member: Member,
    kinds: ReminderKinds,
    is_holiday: HolidayTest = public_holiday,
) -> ReminderSettings:
    with uow:
        recipient = _recipient(uow, member, is_holiday)
        optional = offered(uow, kinds, member.user_id)
    return _settings(recipient, clock.now(), optional)


def offered(uow: RemindersUnitOfWork, kinds: ReminderKinds, user_id: str) -> dict[str, str]:
    """The optional kinds that may remind this person, by name, with their labels; call inside `with uow`."""
    return {
        kind.name: kind.optional
        for kind in kinds
        if getattr(kind, "optional", None) and user_id in set(kind.audience(uow))
    }


def _recipient(uow: RemindersUnitOfWork, member: Member, is_holiday: HolidayTest) -> Recipient:
    return Recipient(member, uow.reminders.preferences(member.user_id) or Preferences(), is_holiday)


def _settings(recipient: Recipient, now: datetime, optional: dict[str, str]) -> ReminderSettings:
    upcoming = recipient.next_regular(now)
    return ReminderSettings(recipient.prefs, recipient.zone.key, upcoming[1] if upcoming else None, optional)


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
    checked = check_preferences(form, member.today(now))
    with uow:
        optional = offered(uow, kinds, member.user_id)
        before = (uow.reminders.preferences(member.user_id) or Preferences()).off_kinds
        off = before if form.kinds_on is None else (before - optional.keys()) | (optional.keys() - set(form.kinds_on))
        prefs = replace(checked, off_kinds=frozenset(off))
        recipient = Recipient(member, prefs, is_holiday)
        uow.members.save(member)
        uow.reminders.save_preferences(member.user_id, prefs)
        uow.reminders.drop_planned(member.user_id)
        for kind in kinds:
            plan_for(uow, kind, recipient, now, now)
        uow.commit()
    return _settings(recipient, now, optional)


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
