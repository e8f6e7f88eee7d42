"""The reminder engine: plan every kind's occurrences, hand due ones to the queue, deliver each at most once."""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from domain.people.members import Member
from domain.reminders.kinds import Recipient, ReminderKind, ReminderKinds
from domain.reminders.model import Reminder, ReminderState
from domain.reminders.ports import (
    PERSON_CAP,
    NotSent,
    PostingLimits,
    Refused,
    ReminderQueue,
    ReminderSender,
    RemindersUnitOfWork,
    Sent,
    Unknown,
    Wait,
)
from domain.reminders.preferences import Preferences
from domain.reminders.schedule import HolidayTest, public_holiday
from domain.shared.clock import Clock
from domain.shared.unit_of_work import UnitOfWorkFactory

log = logging.getLogger("trellis.reminders")
PLAN_LOOKBACK = timedelta(hours=12)  # a worker that was down this long still sends what fell due meanwhile
QUEUE_LOST_AFTER = timedelta(minutes=2)  # queued this long and not started: its queue entry is taken as lost
SEND_LATE_GRACE = timedelta(minutes=1)  # a reminder this late into off-hours waits for the next working moment
LIMITS_DOWN_RETRY = 30.0  # seconds, when the rate limits cannot be counted
ERROR_RETRY = 60.0  # seconds, after an error before anything was sent

Enqueue = Callable[[int, float], None]  # reminder id, delay in seconds


def recipients(uow: RemindersUnitOfWork, user_ids: list[str], is_holiday: HolidayTest) -> list[Recipient]:
    """The people as reminders see them, in two queries; someone never seen has a UTC profile."""
    members = uow.members.many(user_ids)
    prefs = uow.reminders.preferences_of(user_ids)
    return [Recipient(members.get(u) or Member.unknown(u), prefs.get(u) or Preferences(), is_holiday) for u in user_ids]


def plan_for(uow: RemindersUnitOfWork, kind: ReminderKind, recipient: Recipient, now: datetime, after: datetime) -> int:
    """Plan one kind's occurrences for one person; returns how many were new. A kind that `moves` its occurrences
    (a deadline changed) has those still pending moved to the time it plans them for now."""
    new = 0
    if kind.name in recipient.prefs.off_kinds:
        return 0
    for key, due in kind.plan(uow, recipient, now, after):
        if uow.reminders.plan(recipient.user_id, kind.name, key, due):
            new += 1
        elif getattr(kind, "moves", False):
            uow.reminders.reschedule(recipient.user_id, kind.name, key, due)
    return new


def plan_reminders(
    uow_factory: UnitOfWorkFactory,
    queue: ReminderQueue,
    clock: Clock,
    kinds: ReminderKinds,
    is_holiday: HolidayTest = public_holiday,
) -> int:
    """Plan every kind's next occurrences. Planning twice plans nothing new: keys are unique."""
    now = clock.now()
    after = now - PLAN_LOOKBACK
    planned = 0
    for workspace in queue.workspaces():
        uow = uow_factory(workspace)
        with uow:
            for kind in kinds:
                people = sorted(set(kind.audience(uow)))
                for recipient in recipients(uow, people, is_holiday):
                    planned += plan_for(uow, kind, recipient, now, after)
            uow.commit()
    return planned


def dispatch_due(queue: ReminderQueue, clock: Clock, enqueue: Enqueue, limit: int = 500) -> int:
    """Queue the due occurrences, and again any whose queue entry was lost."""
    now = clock.now()
    ids = queue.claim_due(now, limit) + queue.requeue_lost(now, QUEUE_LOST_AFTER, limit)
    for reminder_id in ids:
        enqueue(reminder_id, 0.0)
    return len(ids)


def deliver(
    reminder_id: int,
    queue: ReminderQueue,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    kinds: ReminderKinds,
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
        prepared = _prepare(reminder, queue, uow_factory(reminder.workspace), kinds, now, limits, is_holiday)
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
    uow: RemindersUnitOfWork,
    kinds: ReminderKinds,
    now: datetime,
    limits: PostingLimits,
    is_holiday: HolidayTest,
):
    """Everything before the call to Slack: what to say, and whether it may be said now.

    Returns (member, content) to send, a Wait, or the state the occurrence was moved to instead.
    """
    kind = kinds.get(reminder.kind)
    if kind is None:
        queue.finish(reminder.id, ReminderState.SKIPPED, now, f"no reminder kind {reminder.kind!r}")
        return ReminderState.SKIPPED
    with uow:
        [recipient] = recipients(uow, [reminder.user_id], is_holiday)
        turned_off = kind.name in recipient.prefs.off_kinds
        content = None if turned_off else kind.content(uow, recipient, reminder.subject_key, now)
    if not content:
        why = "turned off" if turned_off else "nothing left to remind of"
        queue.finish(reminder.id, ReminderState.SKIPPED, now, why)
        return ReminderState.SKIPPED
    slot = recipient.working.next_slot(now)
    if slot is not None and slot > now + SEND_LATE_GRACE:  # held up past working time (a backlog, a worker down)
        queue.postpone(reminder.id, slot)
        return ReminderState.PENDING
    today = recipient.today(now)
    try:
        verdict = limits.allow(reminder.workspace, reminder.user_id, today, count_person=reminder.counted_on != today)
    except Exception:  # the limits' store is unreachable: nothing was sent, so try again later
        return Wait(LIMITS_DOWN_RETRY)
    if verdict == PERSON_CAP:
        queue.postpone(reminder.id, recipient.on_day(today + timedelta(days=1)))
        return ReminderState.PENDING
    if isinstance(verdict, Wait):
        return verdict
    if reminder.counted_on != today:
        queue.count_person(reminder.id, today)  # a retry after a 429 takes no second slot
    return recipient.member, content
