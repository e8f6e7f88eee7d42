"""Feedback's reminder kinds: nudges to the people who have not answered, and the requester's summary when a
request closes. They reach the reminder engine only through its seam, domain.reminders.kinds."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from domain.feedback.ports import FeedbackUnitOfWork
from domain.feedback.reading import Summary, summary_of
from domain.feedback.records import AskState, FeedbackRequest
from domain.reminders.kinds import Recipient
from domain.shared.clock import Clock

SUMMARIES_FOR = timedelta(days=7)  # a request closed longer ago than this gets no summary any more
NUDGE_LEAD = timedelta(hours=12)  # a nudge is planned at least this far ahead
NUDGE_DAYS_BEFORE = (2, 0)  # two days before the deadline, and on its day


@dataclass(frozen=True)
class Nudge:
    request: FeedbackRequest
    requester_name: str
    today: date


def nudges_for(request: FeedbackRequest) -> list[tuple[str, date]]:
    """A request's nudges: at most two, two days before the deadline and on its day, never on the day it was made.
    Keyed by their place, so an extended deadline moves them rather than adding more."""
    days = [
        (f"{request.id}-{n}", request.deadline - timedelta(days=before)) for n, before in enumerate(NUDGE_DAYS_BEFORE)
    ]
    return [(key, day) for key, day in days if day > request.asked_on]


def nudge_times(request: FeedbackRequest, recipient: Recipient, now: datetime) -> list[tuple[str, datetime]]:
    """When a person's nudges go out: each on its day at their reminder time, in their working hours; the one on
    the deadline a day earlier when that day ends (in the requester's zone) before their working day starts.
    None sooner than NUDGE_LEAD from now, so none comes straight after the request; two that fall on one day
    (a weekend moved the first) are one."""
    planned: dict[date, tuple[str, datetime]] = {}
    for key, day in nudges_for(request):
        when = recipient.on_day(day)
        if when >= request.closes_at:
            when = recipient.on_day(day - timedelta(days=1))
        if now + NUDGE_LEAD <= when < request.closes_at:
            planned[recipient.today(when)] = (key, when)  # the later one stands
    return list(planned.values())


class NudgeReminder:
    """To each person asked who has neither answered nor declined, in their working hours."""

    name = "feedback_nudge"
    moves = True  # an extended deadline moves the nudges still to come
    snoozes = False  # at most two: a snooze would make a third

    def __init__(self, clock: Clock):
        self.clock = clock

    def audience(self, uow: FeedbackUnitOfWork) -> list[str]:
        return uow.feedback.waiting_people(self.clock.now())

    def plan(self, uow: FeedbackUnitOfWork, recipient: Recipient, now: datetime, after: datetime):
        for request, ask in uow.feedback.asked(recipient.user_id, now):
            if ask.state is AskState.WAITING:
                yield from nudge_times(request, recipient, now)

    def content(self, uow: FeedbackUnitOfWork, recipient: Recipient, key: str, now: datetime) -> Nudge | None:
        request = uow.feedback.get(int(key.split("-")[0]))
        if request is None or not request.is_open(now):
            return None
        ask = uow.feedback.ask(request.id, recipient.user_id)
        if ask is None or ask.state is not AskState.WAITING:
            return None
        requester = uow.members.get(request.requester_id)
        return Nudge(request, requester.display_name if requester else request.requester_id, recipient.today(now))


class SummaryReminder:
    """The requester's one summary DM, when the deadline day ends in their zone or when they close it early."""

    name = "feedback_close"
    moves = True  # closing early brings it forward
    snoozes = False  # one summary

    def __init__(self, clock: Clock):
        self.clock = clock

    def audience(self, uow: FeedbackUnitOfWork) -> list[str]:
        return uow.feedback.requesters(self.clock.now() - SUMMARIES_FOR)

    def plan(self, uow: FeedbackUnitOfWork, recipient: Recipient, now: datetime, after: datetime):
        for request in uow.feedback.requests_of(recipient.user_id):
            if request.closes_at > now - SUMMARIES_FOR:
                yield f"{request.id}-{request.deadline.isoformat()}", request.closes_at  # extended: a new one

    def content(self, uow: FeedbackUnitOfWork, recipient: Recipient, key: str, now: datetime) -> Summary | None:
        request_id, _, deadline = key.partition("-")
        request = uow.feedback.get(int(request_id))
        if request is None or request.is_open(now) or request.deadline.isoformat() != deadline:
            return None
        return summary_of(uow, request, now)


def feedback_reminders(clock: Clock) -> tuple[NudgeReminder, SummaryReminder]:
    return NudgeReminder(clock), SummaryReminder(clock)
