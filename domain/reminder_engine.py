"""The reminder engine's use cases: plan occurrences, hand due ones to the queue, deliver each at most once."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from domain.clock import Clock
from domain.goals import Goal
from domain.lifecycle import GoalState, state_of
from domain.members import Member
from domain.ports import UnitOfWorkFactory
from domain.preferences import Preferences
from domain.reminders import DUE_SOON_KEY, DueSoon, Reminder, ReminderKind, ReminderState, due_soon
from domain.schedule import HolidayTest, WorkingTime, checked_in_this_period, next_checkin, public_holiday
from domain.workspace import WorkspaceKey

log = logging.getLogger("trellis.reminders")
PLAN_LOOKBACK = timedelta(hours=12)  # a worker that was down this long still sends what fell due meanwhile
QUEUE_LOST_AFTER = timedelta(minutes=2)  # queued this long and not started: its queue entry is taken as lost
SEND_LATE_GRACE = timedelta(minutes=1)  # a reminder this late into off-hours waits for the next working moment
LIMITS_DOWN_RETRY = 30.0
ERROR_RETRY = (
    60.0  # seconds, after an error before anything was sent  # seconds, when the rate limits cannot be counted
)


class ReminderQueue(Protocol):
    def workspaces(self) -> list[WorkspaceKey]: ...
    def claim_due(self, now: datetime, limit: int) -> list[int]: ...
    def requeue_lost(self, now: datetime, older_than: timedelta, limit: int) -> list[int]: ...
    def start(self, reminder_id: int) -> Reminder | None: ...
    def finish(self, reminder_id: int, state: ReminderState, at: datetime, detail: str | None = None) -> None: ...
    def back_to_queue(self, reminder_id: int, not_before: datetime) -> None: ...
    def count_person(self, reminder_id: int, day: date) -> None: ...
    def postpone(self, reminder_id: int, due_at: datetime) -> None: ...


@dataclass(frozen=True)
class Wait:
    seconds: float


PERSON_CAP = "person_cap"
ALLOWED = "allowed"


class PostingLimits(Protocol):
    def allow(self, workspace: WorkspaceKey, user_id: str, day: date, count_person: bool = True) -> str | Wait:
        """ALLOWED, PERSON_CAP (the person had enough that day), or Wait(seconds) for a channel or workspace
        limit. With `count_person` False, the person's daily cap is neither checked nor counted."""
        ...


@dataclass(frozen=True)
class Sent:
    detail: str = ""


@dataclass(frozen=True)
class NotSent:
    """Known not to have reached Slack, or Slack said no for a reason that may pass."""

    retry_after: float
    detail: str = ""


@dataclass(frozen=True)
class Refused:
    """Slack answered that it will not deliver this (for example, the person left)."""

    detail: str


@dataclass(frozen=True)
class Unknown:
    """The call may or may not have reached the person: never try again."""

    detail: str


class ReminderSender(Protocol):
    def send(
        self, reminder: Reminder, member: Member, content: "list[Goal] | DueSoon"
    ) -> Sent | NotSent | Refused | Unknown:
        """`content` is the goals due a check-in, or what falls due soon."""
        ...


Enqueue = Callable[[int, float], None]  # reminder id, delay in seconds


def plan_reminders(
    uow_factory: UnitOfWorkFactory, queue: ReminderQueue, clock: Clock, is_holiday: HolidayTest = public_holiday
) -> int:
    """Plan each person's next check-in reminder. Planning twice plans nothing new: keys are unique."""
    now = clock.now()
    after = now - PLAN_LOOKBACK
    planned = 0
    for workspace in queue.workspaces():
        uow = uow_factory(workspace)
        with uow:
            for member, prefs in uow.reminders.people_with_active_goals():
                prefs = prefs or Preferences()
                zone = prefs.zone(member.tz)
                upcoming = next_checkin(prefs, zone, after, is_holiday)
                if upcoming:
                    planned += uow.reminders.plan(member.user_id, ReminderKind.CHECKIN, *upcoming)
                planned += _plan_due_soon(uow, member, prefs, zone, now, is_holiday)
            uow.commit()
    return planned


def _plan_due_soon(uow, member: Member, prefs: Preferences, zone, now: datetime, is_holiday: HolidayTest) -> int:
    """Today's notice of what falls due soon, at the person's reminder time (or the next working moment)."""
    today = now.astimezone(zone).date()
    goals = uow.goals.owned_by(member.user_id)
    milestones = uow.plan.milestones([g.id for g in goals])
    if due_soon(today, goals, milestones, uow.plan.open_tasks(member.user_id)) is None:
        return 0
    wished = max(datetime.combine(today, prefs.at, tzinfo=zone), now)
    slot = WorkingTime(prefs, zone, is_holiday).next_slot(wished)
    if slot is None or slot.astimezone(zone).date() != today:
        return 0  # a day off: a notice kept for later would be stale, and crowd the next day's reminders
    return int(uow.reminders.plan(member.user_id, ReminderKind.DUE_SOON, f"{DUE_SOON_KEY}{today.isoformat()}", slot))


def dispatch_due(queue: ReminderQueue, clock: Clock, enqueue: Enqueue, limit: int = 500) -> int:
    """Queue the due occurrences, and again any whose queue entry was lost."""
    now = clock.now()
    ids = queue.claim_due(now, limit) + queue.requeue_lost(now, QUEUE_LOST_AFTER, limit)
    for reminder_id in ids:
        enqueue(reminder_id, 0.0)
    return len(ids)


def goals_to_check_in(goals: list[Goal], prefs: Preferences, zone, now: datetime) -> list[Goal]:
    """Active goals with no check-in in the current period."""
    today = now.astimezone(zone).date()
    return [
        g
        for g in goals
        if state_of(g, today) is GoalState.ACTIVE
        and not checked_in_this_period(prefs.cadence, zone, g.last_checkin_at, now)
    ]


def _content(uow, reminder: Reminder, prefs: Preferences, zone, now: datetime) -> list[Goal] | DueSoon | None:
    """What the reminder says, worked out when it is sent: it may have become needless since."""
    goals = uow.goals.owned_by(reminder.user_id)
    if reminder.kind is ReminderKind.DUE_SOON:
        on = date.fromisoformat(reminder.key.removeprefix(DUE_SOON_KEY))
        return due_soon(on, goals, uow.plan.milestones([g.id for g in goals]), uow.plan.open_tasks(reminder.user_id))
    return goals_to_check_in(goals, prefs, zone, now)


def deliver(
    reminder_id: int,
    queue: ReminderQueue,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    limits: PostingLimits,
    sender: ReminderSender,
    enqueue: Enqueue,
    is_holiday: HolidayTest = public_holiday,
) -> ReminderState | None:
    """Send one occurrence, once. Returns its new state, or None when another worker has it."""
    reminder = queue.start(reminder_id)
    if reminder is None:
        return None
    now = clock.now()
    try:
        prepared = _prepare(reminder, queue, uow_factory, now, limits, is_holiday)
    except Exception:  # nothing reached Slack: put it back, rather than leave it taken for good
        log.exception("reminder %s could not be prepared", reminder_id)
        prepared = Wait(ERROR_RETRY)
    if isinstance(prepared, Wait):
        return _retry(queue, enqueue, reminder_id, now, prepared.seconds)
    if isinstance(prepared, ReminderState):
        return prepared
    member, content = prepared
    result = sender.send(reminder, member, content)
    if isinstance(result, NotSent):
        return _retry(queue, enqueue, reminder_id, now, result.retry_after)
    state = {Sent: ReminderState.SENT, Refused: ReminderState.SKIPPED, Unknown: ReminderState.UNKNOWN}[type(result)]
    queue.finish(reminder_id, state, now, result.detail or None)
    return state


def _retry(queue: ReminderQueue, enqueue: Enqueue, reminder_id: int, now: datetime, seconds: float) -> ReminderState:
    queue.back_to_queue(reminder_id, now + timedelta(seconds=seconds))
    enqueue(reminder_id, seconds)
    return ReminderState.QUEUED


def _prepare(
    reminder: Reminder,
    queue: ReminderQueue,
    uow_factory: UnitOfWorkFactory,
    now: datetime,
    limits: PostingLimits,
    is_holiday: HolidayTest,
):
    """Everything before the call to Slack: what to say, and whether it may be said now.

    Returns (member, content) to send, a Wait, or the state the occurrence was moved to instead.
    """
    uow = uow_factory(reminder.workspace)
    with uow:
        member = uow.members.get(reminder.user_id) or Member.unknown(reminder.user_id)
        prefs = uow.reminders.preferences(reminder.user_id) or Preferences()
        zone = prefs.zone(member.tz)
        content = _content(uow, reminder, prefs, zone, now)
    if not content:
        queue.finish(reminder.id, ReminderState.SKIPPED, now, "nothing left to remind of")
        return ReminderState.SKIPPED
    working = WorkingTime(prefs, zone, is_holiday)
    slot = working.next_slot(now)
    if slot is not None and slot > now + SEND_LATE_GRACE:  # held up past working time (a backlog, a worker down)
        queue.postpone(reminder.id, slot)
        return ReminderState.PENDING
    today = now.astimezone(zone).date()
    try:
        verdict = limits.allow(reminder.workspace, reminder.user_id, today, count_person=reminder.counted_on != today)
    except Exception:  # the limits' store is unreachable: nothing was sent, so try again later
        return Wait(LIMITS_DOWN_RETRY)
    if verdict == PERSON_CAP:
        tomorrow = datetime.combine(today + timedelta(days=1), prefs.at, tzinfo=zone)
        queue.postpone(reminder.id, working.next_slot(tomorrow) or tomorrow)
        return ReminderState.PENDING
    if isinstance(verdict, Wait):
        return verdict
    if reminder.counted_on != today:
        queue.count_person(reminder.id, today)  # a retry after a 429 takes no second slot
    return member, content
