"""The monthly mentoring check-in: a reminder kind that asks each person in an active mentorship, once a month, how
it is going, with a way to end it. It reaches the reminder engine only through its seam, domain.reminders.kinds."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from domain.profiles.ports import ProfilesUnitOfWork
from domain.profiles.records import Mentorship, MentorshipState
from domain.reminders.kinds import Recipient

SETTLING = timedelta(days=14)  # a mentorship younger than this gets no check-in yet


@dataclass(frozen=True)
class MentoringDue:
    user_id: str
    mentorships: list[Mentorship]


def _month_day(year: int, month: int, weekday: int) -> date:
    """The first `weekday` (0 = Monday) of the month."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7)


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


class MentoringCheckIn:
    """On the first reminder weekday of each month, at the person's reminder time, in working hours."""

    name = "mentoring"
    optional = "Monthly mentoring check-in"

    def audience(self, uow: ProfilesUnitOfWork) -> list[str]:
        return uow.mentorships.in_mentorships()

    def plan(self, uow: ProfilesUnitOfWork, recipient: Recipient, now: datetime, after: datetime):
        today = recipient.today(after)
        year, month = today.year, today.month
        when = recipient.on_day(_month_day(year, month, recipient.prefs.weekday))
        if when < after:
            year, month = _next_month(year, month)
            when = recipient.on_day(_month_day(year, month, recipient.prefs.weekday))
        return [(f"{year}-{month:02d}", when)]

    def content(self, uow: ProfilesUnitOfWork, recipient: Recipient, key: str, now: datetime) -> MentoringDue | None:
        settled = [
            m
            for m in uow.mentorships.of(recipient.user_id)
            if m.state is MentorshipState.ACTIVE and m.started_at is not None and m.started_at <= now - SETTLING
        ]
        return MentoringDue(recipient.user_id, settled) if settled else None
